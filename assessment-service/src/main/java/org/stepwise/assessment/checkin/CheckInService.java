package org.stepwise.assessment.checkin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import org.stepwise.assessment.ClinicalTime;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.checkin.CheckInSubmitted;

import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.security.Role;
import org.stepwise.platform.web.Idempotency;

/**
 * Who may submit a check-in, and storing it, range-checked, with its
 * {@link CheckInSubmitted} event in one write; reported use makes it Part 2 data. The
 * JSON and the FHIR endpoints both submit through here.
 */
@Service
public class CheckInService {

	static final String ACTION_SUBMIT = "check-in.submit";

	private final CheckInRepository checkIns;

	private final PatientAccess access;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final MeterRegistry meters;

	private final Clock clock;

	CheckInService(CheckInRepository checkIns, PatientAccess access, OutboxEvents events, OutboxRelay relay,
			MeterRegistry meters, Clock clock) {
		this.checkIns = checkIns;
		this.access = access;
		this.events = events;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * The stored check-in and whether this call stored it (false: a retry of an earlier
	 * call).
	 */
	public record Submitted(CheckIn checkIn, boolean created) {
	}

	/**
	 * A check-in by the patient themselves, or by an ingest client for a patient of its
	 * programs: audited, 404 otherwise; then stored.
	 * @param idempotencyKey the caller's key ({@link Idempotency#ofCaller}), scoped to
	 * the endpoint
	 */
	public Submitted submit(Caller caller, SubmitCheckInRequest request, @Nullable String idempotencyKey) {
		requireSubmitter(caller, request);
		this.access.allowed(caller, ACTION_SUBMIT, request.programId(), request.patientId());
		return submit(request, idempotencyKey);
	}

	/**
	 * Whether {@link #submit(Caller, SubmitCheckInRequest, String)} would take this
	 * check-in, storing nothing (for a batch checked whole before any of it is stored).
	 * @throws org.stepwise.platform.web.RequestRejectedException as {@code submit} would
	 */
	public void check(Caller caller, SubmitCheckInRequest request) {
		requireSubmitter(caller, request);
		ClinicalTime.requireNotFuture(request.occurredAt(), this.clock);
	}

	private void requireSubmitter(Caller caller, SubmitCheckInRequest request) {
		if (caller.has(Role.INGEST)) {
			this.access.requireIngest(caller, ACTION_SUBMIT, request.programId(), request.patientId());
		}
		else {
			this.access.requireSelf(caller, ACTION_SUBMIT, request.programId(), request.patientId());
		}
	}

	private Submitted submit(SubmitCheckInRequest request, @Nullable String idempotencyKey) {
		String id = Idempotency.recordId("check-in", idempotencyKey);
		String fingerprint = Idempotency.fingerprint(request);
		Optional<CheckIn> replay = replay(id, idempotencyKey, fingerprint);
		if (replay.isPresent()) {
			return new Submitted(replay.get(), false);
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
			// A concurrent retry with the same key won the insert.
			return new Submitted(replay(id, idempotencyKey, fingerprint).orElseThrow(() -> ex), false);
		}
		this.relay.nudge(CheckIn.class, checkIn.id());
		this.meters.counter("stepwise.checkins.submitted", "use", Boolean.toString(request.usedSinceLastCheckIn()))
			.increment();
		return new Submitted(checkIn, true);
	}

	private Optional<CheckIn> replay(String id, @Nullable String idempotencyKey, String fingerprint) {
		return Idempotency.replay(idempotencyKey, id, this.checkIns::findById, CheckIn::requestFingerprint,
				fingerprint);
	}

}
