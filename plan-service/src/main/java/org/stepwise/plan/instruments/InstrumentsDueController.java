package org.stepwise.plan.instruments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.plan.progress.Evaluations;
import org.stepwise.plan.progress.PatientIndex;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.PatientAccess;

/**
 * The instruments due or overdue today for the caller's patients (a program admin: every
 * patient of their programs; a clinician: the patients of their programs whose care team
 * includes them), for the console's caseload. Read from the small index entries, not the
 * patient documents; every patient listed is audited as read.
 */
@RestController
@Tag(name = "Instruments due", description = "Scheduled instruments due or overdue on the caller's caseload")
class InstrumentsDueController {

	static final String ACTION = "instruments.due.read";

	private final MongoTemplate mongo;

	private final Evaluations evaluations;

	private final PatientAccess access;

	InstrumentsDueController(MongoTemplate mongo, Evaluations evaluations, PatientAccess access) {
		this.mongo = mongo;
		this.evaluations = evaluations;
		this.access = access;
	}

	/**
	 * One instrument due or overdue for one patient.
	 *
	 * @param instrument where it stands, with its words ("PHQ-9 overdue 5 days")
	 */
	record PatientInstrument(String patientId, String programId, InstrumentStatus instrument) {
	}

	@Operation(summary = "Instruments due or overdue today for the caller's patients",
			description = "Most overdue first per patient; patients with nothing due are left out. "
					+ "Nothing alerts on an overdue instrument: this is for the caseload.")
	@GetMapping("/api/v1/instruments-due")
	List<PatientInstrument> due(Caller caller) {
		if (caller.programs().isEmpty()) {
			return List.of();
		}
		Query query = new Query(Criteria.where("programId").in(caller.programs()));
		List<PatientInstrument> due = new ArrayList<>();
		for (PatientIndex entry : this.mongo.find(query, PatientIndex.class)) {
			if (entry.instrumentsDue().isEmpty() || !caller.canSeePatient(entry.programId(), entry.careTeam())) {
				continue;
			}
			LocalDate today = this.evaluations.today(entry.programId());
			List<PatientInstrument> patient = new ArrayList<>();
			for (Map.Entry<String, LocalDate> instrument : entry.instrumentsDue().entrySet()) {
				Instrument known = known(instrument.getKey());
				if (known != null && !today.isBefore(instrument.getValue())) {
					patient.add(new PatientInstrument(entry.patientId(), entry.programId(),
							InstrumentStatus.of(known, null, null, instrument.getValue(), today)));
				}
			}
			if (!patient.isEmpty()) {
				this.access.allowed(caller, ACTION, entry.programId(), entry.patientId());
				due.addAll(patient);
			}
		}
		due.sort(Comparator.comparing(PatientInstrument::patientId)
			.thenComparing((p) -> -p.instrument().overdueDays())
			.thenComparing((p) -> p.instrument().instrument()));
		return due;
	}

	/** Null for a name this version does not know (written by a newer one). */
	private static @Nullable Instrument known(String name) {
		try {
			return Instrument.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
