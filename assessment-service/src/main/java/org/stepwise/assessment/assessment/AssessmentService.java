package org.stepwise.assessment.assessment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.stepwise.assessment.ClinicalTime;
import org.stepwise.assessment.instrument.InvalidResponsesException;
import org.stepwise.assessment.instrument.Instruments;
import org.stepwise.assessment.instrument.Score;

import org.stepwise.contracts.assessment.AssessmentScored;

import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.platform.web.RequestRejectedException;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

/**
 * Who may submit an instrument, and scoring and storing it with its
 * {@link AssessmentScored} event in one write. Nothing is stored when the responses
 * cannot be scored. The JSON and the FHIR endpoints both submit through here.
 */
@Service
public class AssessmentService {

	static final String ACTION_SUBMIT = "assessment.submit";

	private final AssessmentRepository assessments;

	private final PatientAccess access;

	private final Instruments instruments;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final MeterRegistry meters;

	private final Clock clock;

	AssessmentService(AssessmentRepository assessments, PatientAccess access, Instruments instruments,
			OutboxEvents events, OutboxRelay relay, MeterRegistry meters, Clock clock) {
		this.assessments = assessments;
		this.access = access;
		this.instruments = instruments;
		this.events = events;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * The stored assessment and whether this call stored it (false: a retry of an earlier
	 * call).
	 */
	public record Submitted(AssessmentRecord assessment, boolean created) {
	}

	/**
	 * An instrument sent by an ingest client for a patient of its programs: audited, 404
	 * otherwise; then scored and stored.
	 * @param idempotencyKey the caller's key ({@link Idempotency#ofCaller}), scoped to
	 * the endpoint
	 */
	public Submitted submit(Caller caller, SubmitAssessmentRequest request, @Nullable String idempotencyKey) {
		this.access.requireIngest(caller, ACTION_SUBMIT, request.programId(), request.patientId());
		Submitted submitted = submit(request, idempotencyKey);
		this.access.allowed(caller, ACTION_SUBMIT, request.programId(), request.patientId());
		return submitted;
	}

	/**
	 * Whether {@link #submit(Caller, SubmitAssessmentRequest, String)} would take this
	 * request, storing nothing: who sends it, its time, its responses (for a batch
	 * checked whole before any of it is stored).
	 * @throws RequestRejectedException as {@code submit} would
	 */
	public void check(Caller caller, SubmitAssessmentRequest request) {
		this.access.requireIngest(caller, ACTION_SUBMIT, request.programId(), request.patientId());
		ClinicalTime.requireNotFuture(request.occurredAt(), this.clock);
		score(request);
	}

	private Submitted submit(SubmitAssessmentRequest request, @Nullable String idempotencyKey) {
		String id = Idempotency.recordId("assessment", idempotencyKey);
		String fingerprint = Idempotency.fingerprint(request);
		Optional<Submitted> replay = replay(id, idempotencyKey, fingerprint);
		if (replay.isPresent()) {
			return replay.get();
		}
		ClinicalTime.requireNotFuture(request.occurredAt(), this.clock);
		Score score = score(request);
		Instant now = this.clock.instant();
		AssessmentScored event = new AssessmentScored(id, request.programId(), request.patientId(),
				request.instrument(), items(request), score.total(), score.subscales(), score.band(), score.analytes(),
				score.safety(), score.labels(), request.occurredAt(), now);
		AssessmentRecord record = new AssessmentRecord(id, request.programId(), request.patientId(),
				request.instrument(), event.items(), score.total(), score.subscales(), score.band(), score.analytes(),
				score.safety(), score.labels(), request.occurredAt(), now, fingerprint,
				List.of(this.events.entry(event, now)));
		try {
			record = this.assessments.insert(record);
		}
		catch (DuplicateKeyException ex) {
			// A concurrent retry with the same key won the insert.
			return replay(id, idempotencyKey, fingerprint).orElseThrow(() -> ex);
		}
		this.relay.nudge(AssessmentRecord.class, record.id());
		this.meters
			.counter("stepwise.assessments.submitted", "instrument", request.instrument().name(), "band", score.band())
			.increment();
		if (score.safety().flagged()) {
			this.meters.counter("stepwise.safety.flags", "source", "assessment", "level", score.safety().name())
				.increment();
		}
		return new Submitted(record, true);
	}

	private Optional<Submitted> replay(String id, @Nullable String idempotencyKey, String fingerprint) {
		return Idempotency
			.replay(idempotencyKey, id, this.assessments::findById, AssessmentRecord::requestFingerprint, fingerprint)
			.map((existing) -> new Submitted(existing, false));
	}

	private Score score(SubmitAssessmentRequest request) {
		try {
			return this.instruments.get(request.instrument()).score(request.submission());
		}
		catch (InvalidResponsesException ex) {
			throw new RequestRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_items",
					"The " + request.instrument() + " responses cannot be scored",
					ex.problems()
						.stream()
						.map((problem) -> new FieldProblem(field(problem.item()), problem.message()))
						.toList());
		}
	}

	private static String field(String item) {
		return switch (item) {
			case "sex", "analytes", "items" -> item;
			default -> "items." + item;
		};
	}

	private static Map<String, Integer> items(SubmitAssessmentRequest request) {
		return (request.items() == null) ? Map.of() : Map.copyOf(request.items());
	}

}
