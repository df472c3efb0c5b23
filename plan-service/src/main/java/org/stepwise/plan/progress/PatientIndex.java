package org.stepwise.plan.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.programs.Programs;
import org.stepwise.plan.progress.domain.InstrumentSchedule;

/**
 * The few fields of a patient document that questions about all patients need: who is due
 * on the clinical clock, the census by level and risk, where event time resumes. The
 * patient documents hold every fact and grow with the treatment; the embedded store
 * answers a query it has no usable index for by decoding every document of the collection
 * (and an aggregation by holding them all at once: a 30 s census over 10,000 patient
 * documents ran the store out of heap). These stay small, so such queries read little,
 * here and on MongoDB.
 * <p>
 * Written after its patient document, from the same values, so it can lag behind it only
 * if the service stops or the store fails in between: then the patient is looked at early
 * (its next look only moves forward), which writes the entry again, and until then the
 * census is off by one.
 *
 * @param nextEvaluationAt when the clinical clock next needs to look at the patient
 * @param assessedAt the clinical time of the latest published assessment
 * @param programId the patient's program (null in entries written before it was kept)
 * @param careTeam the current plan's care team (who may see the patient besides the
 * program's admins)
 * @param instrumentsDue per scheduled instrument (its name), the clinical day it is due
 * ({@link InstrumentSchedule}): the overdue-instruments gauge and the caseload's
 * instruments read it; empty without a plan
 * @param phase the plan's phase (IOP, AFTERCARE, CLOSED) for the census; null without a
 * plan, and in entries written before it was kept (read as IOP)
 */
@Document("patient_index")
@CompoundIndex(name = "assessed", def = "{'assessedAt': 1}")
public record PatientIndex(@Id String patientId, @Nullable String levelOfCare, String riskLevel,
		@Indexed @Nullable Instant nextEvaluationAt, @Nullable Instant assessedAt, @Indexed @Nullable String programId,
		List<String> careTeam, Map<String, LocalDate> instrumentsDue, @Nullable String phase) {

	public PatientIndex {
		careTeam = List.copyOf(careTeam == null ? List.of() : careTeam);
		instrumentsDue = Map.copyOf(instrumentsDue == null ? Map.of() : instrumentsDue);
	}

	/** An entry of a patient without a program or plan. */
	public PatientIndex(String patientId, @Nullable String levelOfCare, String riskLevel,
			@Nullable Instant nextEvaluationAt, @Nullable Instant assessedAt) {
		this(patientId, levelOfCare, riskLevel, nextEvaluationAt, assessedAt, null, List.of(), Map.of(), null);
	}

	/** An entry without a phase (as written before phases were kept). */
	public PatientIndex(String patientId, @Nullable String levelOfCare, String riskLevel,
			@Nullable Instant nextEvaluationAt, @Nullable Instant assessedAt, @Nullable String programId,
			List<String> careTeam, Map<String, LocalDate> instrumentsDue) {
		this(patientId, levelOfCare, riskLevel, nextEvaluationAt, assessedAt, programId, careTeam, instrumentsDue,
				null);
	}

	/**
	 * The entry of a patient document; due dates from its program's schedule, on its
	 * clinical days.
	 */
	static PatientIndex of(PatientFile file, Programs.Settings program) {
		PlanVersion plan = file.state().plan();
		Map<String, LocalDate> due = new LinkedHashMap<>();
		if (plan != null && plan.inTreatment()) {
			// after treatment the aftercare schedule applies, not the program's
			// instruments
			InstrumentSchedule.of(program.focus(), program.thresholds())
				.due(file.state().projection(), plan.startDate(), program.zone())
				.forEach((d) -> due.put(d.instrument().name(), d.dueOn()));
		}
		String programId = file.state().programId();
		return new PatientIndex(file.patientId(), (plan != null) ? plan.levelOfCare().code() : null,
				file.state().riskLevel().name(), file.nextEvaluationAt(), file.state().assessedAt(),
				(programId == null || programId.isEmpty()) ? null : programId,
				(plan != null) ? plan.careTeam() : List.of(), due, (plan != null) ? plan.phase().name() : null);
	}

}
