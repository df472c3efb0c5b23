package org.stepwise.attendance.record;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.stepwise.attendance.record.AttendanceRecord.Correction;
import org.stepwise.attendance.record.AttendanceRules.Violation;
import org.stepwise.attendance.session.Session;
import org.stepwise.attendance.session.SessionService;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OnConflict;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.web.RequestRejectedException;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

/**
 * Records attendance (one patient or a roster, all or nothing) and corrections, each
 * stored with its event. The natural key (session, patient) makes a retry return the
 * first record; a different record for the same pair is a conflict that the correction
 * path resolves.
 */
@Service
public class AttendanceService {

	private final SessionService sessions;

	private final AttendanceRepository records;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final MeterRegistry meters;

	private final Clock clock;

	private final MongoTemplate mongo;

	private final RosterRecovery recovery;

	AttendanceService(SessionService sessions, AttendanceRepository records, OutboxEvents events, OutboxRelay relay,
			MeterRegistry meters, Clock clock, MongoTemplate mongo, RosterRecovery recovery) {
		this.sessions = sessions;
		this.records = records;
		this.events = events;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
		this.mongo = mongo;
		this.recovery = recovery;
	}

	/**
	 * A roster is checked as a whole (one broken rule and nothing is stored), then stored
	 * all or nothing: its records go first into one {@link RosterWrite} document, then
	 * one by one, and a write interrupted in between is finished by
	 * {@link RosterRecovery}. Recording is idempotent per (session, patient): the same
	 * roster sent again answers with every record and publishes no event twice; a
	 * concurrent write of the same records is retried here.
	 */
	public List<AttendanceRecord> record(String sessionId, RecordAttendanceRequest request) {
		return OnConflict.retry(() -> recordOnce(sessionId, request));
	}

	private List<AttendanceRecord> recordOnce(String sessionId, RecordAttendanceRequest request) {
		Session session = this.sessions.get(sessionId);
		Instant now = this.clock.instant();
		List<RecordAttendanceRequest.Entry> entries = request.entries();
		if (new LinkedHashSet<>(entries.stream().map(RecordAttendanceRequest.Entry::patientId).toList())
			.size() != entries.size()) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "duplicate_patient",
					"Each patient may appear once", List.of(new FieldProblem("records", "a patient appears twice")));
		}
		List<FieldProblem> problems = new ArrayList<>();
		String reason = null;
		for (int i = 0; i < entries.size(); i++) {
			RecordAttendanceRequest.Entry entry = entries.get(i);
			for (Violation violation : AttendanceRules.check(session, entry.patientId(), entry.status(),
					entry.minutes(), now)) {
				problems.add(new FieldProblem(field(request, i, violation.field()), violation.message()));
				reason = (reason == null) ? violation.reason() : reason;
			}
		}
		if (!problems.isEmpty()) {
			throw new RequestRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, reason,
					"The attendance breaks a rule; nothing was recorded", problems);
		}
		Map<String, AttendanceRecord> existing = this.records
			.findAllById(entries.stream().map((e) -> AttendanceRecord.idOf(sessionId, e.patientId())).toList())
			.stream()
			.collect(Collectors.toMap(AttendanceRecord::id, Function.identity()));
		List<AttendanceRecord> result = new ArrayList<>();
		List<AttendanceRecord> fresh = new ArrayList<>();
		for (RecordAttendanceRequest.Entry entry : entries) {
			String id = AttendanceRecord.idOf(sessionId, entry.patientId());
			Optional<AttendanceRecord> first = Optional.ofNullable(existing.get(id));
			if (first.isPresent()) {
				result.add(sameAsFirst(first.get(), entry));
				continue;
			}
			AttendanceRecorded event = new AttendanceRecorded(id, sessionId, session.programId(), entry.patientId(),
					session.sessionType(), entry.status(), entry.minutes(), session.minutes(), session.startsAt(), now);
			AttendanceRecord record = new AttendanceRecord(id, sessionId, session.programId(), entry.patientId(),
					session.sessionType(), entry.status(), entry.minutes(), session.minutes(), session.startsAt(), now,
					0, List.of(), null, List.of(event(event, now)));
			fresh.add(record);
			result.add(record);
		}
		if (!fresh.isEmpty()) {
			// a duplicate key (the same patient recorded at the same time) retries the
			// whole roster: the records now there are returned or refused as conflicts
			if (fresh.size() == 1) {
				this.records.insert(fresh);
			}
			else {
				storeAllOrNothing(sessionId, fresh, now);
			}
			fresh.forEach((record) -> this.relay.nudge(AttendanceRecord.class, record.id()));
			fresh.forEach(
					(record) -> this.meters
						.counter("stepwise.attendance.records", "status", record.status().name(), "session_type",
								record.sessionType().name())
						.increment());
		}
		return result;
	}

	/**
	 * Several records: the intent first (one atomic write), then the records. A duplicate
	 * key means another write of one of these patients came first: the intent is finished
	 * (the others are stored, the first write of that patient stays) and the roster is
	 * tried again from the start, which finds what is stored.
	 */
	private void storeAllOrNothing(String sessionId, List<AttendanceRecord> fresh, Instant now) {
		RosterWrite intent = this.mongo.insert(new RosterWrite(UUID.randomUUID().toString(), sessionId, fresh, now));
		try {
			this.records.insert(fresh);
		}
		catch (DuplicateKeyException ex) {
			this.recovery.finish(intent);
			throw ex;
		}
		this.mongo.remove(new Query(Criteria.where("_id").is(intent.id())), RosterWrite.class);
	}

	/**
	 * A correction equal to the current state, or one whose Idempotency-Key was applied
	 * before, changes nothing and returns the record.
	 */
	/**
	 * @param correctedBy who corrects: the caller of the token, never a body field
	 */
	public AttendanceRecord correct(String sessionId, String patientId, CorrectAttendanceRequest request,
			String correctedBy, @Nullable String idempotencyKey) {
		return OnConflict.retry(() -> {
			Session session = this.sessions.get(sessionId);
			AttendanceRecord record = this.records.findById(AttendanceRecord.idOf(sessionId, patientId))
				.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "record_not_found",
						"No attendance is recorded for this patient and session"));
			if ((idempotencyKey != null && record.hasCorrection(idempotencyKey))
					|| (record.status() == request.status() && record.minutesAttended() == request.minutesAttended())) {
				return record;
			}
			List<Violation> violations = AttendanceRules.check(session, patientId, request.status(),
					request.minutesAttended(), this.clock.instant());
			if (!violations.isEmpty()) {
				throw new RequestRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, violations.get(0).reason(),
						"The correction breaks a rule",
						violations.stream().map((v) -> new FieldProblem(v.field(), v.message())).toList());
			}
			Instant now = this.clock.instant();
			Correction correction = new Correction(record.status(), record.minutesAttended(), request.status(),
					request.minutesAttended(), correctedBy, request.reason(), now, idempotencyKey);
			AttendanceCorrected event = new AttendanceCorrected(record.id(), sessionId, record.programId(), patientId,
					record.sessionType(), record.status(), request.status(), request.minutesAttended(),
					record.sessionMinutes(), record.revision() + 1, correctedBy, record.occurredAt(), now);
			AttendanceRecord corrected = this.records.save(record.corrected(correction, event(event, now)));
			this.relay.nudge(AttendanceRecord.class, corrected.id());
			this.meters.counter("stepwise.attendance.corrections", "reason", request.reason().name()).increment();
			return corrected;
		});
	}

	/**
	 * A retry of the same record returns it; anything else for the same pair is a
	 * conflict.
	 */
	private static AttendanceRecord sameAsFirst(AttendanceRecord first, RecordAttendanceRequest.Entry entry) {
		if (first.revision() == 0 && first.status() == entry.status() && first.minutesAttended() == entry.minutes()) {
			return first;
		}
		throw new RequestRejectedException(HttpStatus.CONFLICT, "already_recorded",
				"Attendance for this patient and session is already recorded; correct it instead");
	}

	private static String field(RecordAttendanceRequest request, int index, String field) {
		return (request.records() == null || field.equals("sessionId")) ? field : "records[" + index + "]." + field;
	}

	private OutboxEntry event(StepwiseEvent data, Instant now) {
		return this.events.entry(data, now);
	}

}
