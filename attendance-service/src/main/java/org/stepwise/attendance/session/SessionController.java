package org.stepwise.attendance.session;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.web.RequestRejectedException;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

@RestController
@RequestMapping("/api/v1/sessions")
class SessionController {

	static final String SOURCE = "/stepwise/attendance-service";

	private final SessionRepository sessions;

	private final EventCodec codec;

	private final OutboxRelay relay;

	private final Clock clock;

	SessionController(SessionRepository sessions, EventCodec codec, OutboxRelay relay, Clock clock) {
		this.sessions = sessions;
		this.codec = codec;
		this.relay = relay;
		this.clock = clock;
	}

	@PostMapping
	ResponseEntity<Session> schedule(@Valid @RequestBody ScheduleSessionRequest request) {
		if (!request.endsAt().isAfter(request.startsAt())) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_session_times",
					"A session must end after it starts",
					List.of(new FieldProblem("endsAt", "must be after startsAt")));
		}
		Instant now = this.clock.instant();
		String id = UUID.randomUUID().toString();
		List<OutboxEntry> outbox = new ArrayList<>();
		for (String patientId : request.roster().stream().distinct().toList()) {
			outbox
				.add(OutboxEntry.of(this.codec, EventEnvelope.of(SOURCE,
						new SessionScheduled(id, request.programId(), patientId, request.sessionType(),
								request.modality(), request.startsAt(), request.endsAt(), request.facilitatorId(), now),
						now)));
		}
		Session session = this.sessions.insert(new Session(id, request.programId(), request.sessionType(),
				request.modality(), request.startsAt(), request.endsAt(), request.facilitatorId(),
				request.roster().stream().distinct().toList(), now, null, outbox));
		this.relay.nudge();
		return ResponseEntity.created(URI.create("/api/v1/sessions/" + id)).body(session);
	}

	@GetMapping("/{id}")
	Session get(@PathVariable String id) {
		return this.sessions.findById(id)
			.orElseThrow(
					() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "session_not_found", "No such session"));
	}

}
