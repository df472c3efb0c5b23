package org.stepwise.assessment.checkin;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.assessment.ClinicalTime;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.checkin.CheckInSubmitted;

import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.security.Role;
import org.stepwise.platform.web.Idempotency;

/**
 * Daily check-ins: range-checked, stored with their event in one write; reported use
 * makes them Part 2 data.
 */
@RestController
@Tag(name = "check-ins",
		description = "Daily self-report check-ins: mood, craving, use, sleep, stress, medication, confidence")
class CheckInController {

	private static final String ACTION_SUBMIT = "check-in.submit";

	private static final String ACTION_READ = "check-in.read";

	private final CheckInRepository checkIns;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final MeterRegistry meters;

	private final Clock clock;

	private final PatientAccess access;

	CheckInController(CheckInRepository checkIns, OutboxEvents events, OutboxRelay relay, MeterRegistry meters,
			Clock clock, PatientAccess access) {
		this.checkIns = checkIns;
		this.events = events;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
		this.access = access;
	}

	@Operation(summary = "Submit a daily check-in")
	@PostMapping("/api/v1/check-ins")
	ResponseEntity<CheckIn> submit(Caller caller, @Valid @RequestBody SubmitCheckInRequest request,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String idempotencyKey = Idempotency.ofCaller(caller, idempotencyHeader);
		// a patient submits their own; an ingest client for patients of its programs
		if (caller.has(Role.INGEST)) {
			this.access.requireIngest(caller, ACTION_SUBMIT, request.programId(), request.patientId());
		}
		else {
			this.access.requireSelf(caller, ACTION_SUBMIT, request.programId(), request.patientId());
		}
		this.access.allowed(caller, ACTION_SUBMIT, request.programId(), request.patientId());
		String id = Idempotency.recordId("check-in", idempotencyKey);
		String fingerprint = Idempotency.fingerprint(request);
		Optional<CheckIn> replay = replay(id, idempotencyKey, fingerprint);
		if (replay.isPresent()) {
			return created(replay.get(), true);
		}
		ClinicalTime.requireNotFuture(request.occurredAt(), this.clock);
		Instant now = this.clock.instant();
		Set<SensitivityLabel> labels = request.usedSinceLastCheckIn() ? Set.of(SensitivityLabel.PART2) : Set.of();
		CheckInSubmitted event = new CheckInSubmitted(id, request.programId(), request.patientId(), request.mood(),
				request.craving(), request.usedSinceLastCheckIn(), request.substancesOrEmpty(), request.sleepHours(),
				request.stress(), request.medicationTakenAsPrescribed(), labels, request.occurredAt(), now,
				request.confidence(), request.highRiskSituation(), request.highRiskCategory());
		CheckIn checkIn = new CheckIn(id, request.programId(), request.patientId(), request.mood(), request.craving(),
				request.usedSinceLastCheckIn(), request.substancesOrEmpty(), request.sleepHours(), request.stress(),
				request.medicationTakenAsPrescribed(), request.confidence(), request.highRiskSituation(),
				request.highRiskCategory(), labels, request.occurredAt(), now, fingerprint,
				List.of(this.events.entry(event, now)));
		try {
			checkIn = this.checkIns.insert(checkIn);
		}
		catch (DuplicateKeyException ex) {
			return created(replay(id, idempotencyKey, fingerprint).orElseThrow(() -> ex), true);
		}
		this.relay.nudge(CheckIn.class, checkIn.id());
		this.meters.counter("stepwise.checkins.submitted", "use", Boolean.toString(request.usedSinceLastCheckIn()))
			.increment();
		return created(checkIn, false);
	}

	@Operation(summary = "A patient's check-ins")
	@GetMapping("/api/v1/patients/{patientId}/check-ins")
	List<CheckIn> history(Caller caller, @PathVariable String patientId) {
		List<CheckIn> found = this.checkIns.findByPatientIdOrderByOccurredAtAsc(patientId);
		if (caller.hasAny(Role.CLINICIAN, Role.PROGRAM_ADMIN)) {
			return this.access.read(caller, ACTION_READ, patientId, found, CheckIn::programId);
		}
		// a patient: their own check-ins, of the programs in their token
		if (!caller.isPatient(patientId)) {
			this.access.audit().denied(caller, ACTION_READ, null, patientId);
			throw new NotVisibleException();
		}
		List<CheckIn> own = found.stream().filter((checkIn) -> caller.inProgram(checkIn.programId())).toList();
		caller.programs().forEach((program) -> this.access.allowed(caller, ACTION_READ, program, patientId));
		return own;
	}

	private Optional<CheckIn> replay(String id, @Nullable String idempotencyKey, String fingerprint) {
		return Idempotency.replay(idempotencyKey, id, this.checkIns::findById, CheckIn::requestFingerprint,
				fingerprint);
	}

	private static ResponseEntity<CheckIn> created(CheckIn checkIn, boolean replayed) {
		return ResponseEntity.created(URI.create("/api/v1/check-ins/" + checkIn.id()))
			.header("Idempotent-Replayed", Boolean.toString(replayed))
			.body(checkIn);
	}

}
