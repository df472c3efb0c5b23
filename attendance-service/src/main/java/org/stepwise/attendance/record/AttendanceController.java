package org.stepwise.attendance.record;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.attendance.record.AttendanceRules.Violation;
import org.stepwise.attendance.session.Session;
import org.stepwise.attendance.session.SessionRepository;
import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.web.RequestRejectedException;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

@RestController
class AttendanceController {

	private static final String SOURCE = "/stepwise/attendance-service";

	private final SessionRepository sessions;

	private final AttendanceRepository records;

	private final EventCodec codec;

	private final OutboxRelay relay;

	private final Clock clock;

	AttendanceController(SessionRepository sessions, AttendanceRepository records, EventCodec codec, OutboxRelay relay,
			Clock clock) {
		this.sessions = sessions;
		this.records = records;
		this.codec = codec;
		this.relay = relay;
		this.clock = clock;
	}

	@PostMapping("/api/v1/sessions/{sessionId}/attendance")
	ResponseEntity<AttendanceRecord> record(@PathVariable String sessionId,
			@Valid @RequestBody RecordAttendanceRequest request) {
		Session session = this.sessions.findById(sessionId)
			.orElseThrow(
					() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "session_not_found", "No such session"));
		Instant now = this.clock.instant();
		List<Violation> violations = AttendanceRules.check(session, request.patientId(), request.status(),
				request.minutesAttended(), now);
		if (!violations.isEmpty()) {
			throw new RequestRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, violations.get(0).reason(),
					"The attendance record breaks a rule",
					violations.stream().map((v) -> new FieldProblem(v.field(), v.message())).toList());
		}
		String id = AttendanceRecord.idOf(sessionId, request.patientId());
		AttendanceRecorded event = new AttendanceRecorded(id, sessionId, session.programId(), request.patientId(),
				session.sessionType(), request.status(), request.minutesAttended(), session.minutes(),
				session.startsAt(), now);
		AttendanceRecord record = new AttendanceRecord(id, sessionId, session.programId(), request.patientId(),
				session.sessionType(), request.status(), request.minutesAttended(), session.minutes(),
				session.startsAt(), now, null,
				List.of(OutboxEntry.of(this.codec, EventEnvelope.of(SOURCE, event, now))));
		try {
			record = this.records.insert(record);
		}
		catch (DuplicateKeyException ex) {
			throw new RequestRejectedException(HttpStatus.CONFLICT, "already_recorded",
					"Attendance for this patient and session is already recorded; correct it instead");
		}
		this.relay.nudge();
		return ResponseEntity.created(URI.create("/api/v1/sessions/" + sessionId + "/attendance/" + id)).body(record);
	}

	@GetMapping("/api/v1/patients/{patientId}/attendance")
	List<AttendanceRecord> history(@PathVariable String patientId) {
		return this.records.findByPatientIdOrderByOccurredAtAsc(patientId);
	}

}
