package org.stepwise.attendance.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.stepwise.attendance.schedule.WeeklySchedule;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.attendance.SessionCancelled;
import org.stepwise.contracts.attendance.SessionChanged;
import org.stepwise.contracts.attendance.SessionScheduled;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OnConflict;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.web.Idempotency;
import org.stepwise.platform.web.RequestRejectedException;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

/**
 * Scheduling: every change to a session is stored with the events for its rostered
 * patients (keyed by patient) in the session's own document.
 */
@Service
public class SessionService {

	private final SessionRepository sessions;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final Clock clock;

	SessionService(SessionRepository sessions, OutboxEvents events, OutboxRelay relay, Clock clock) {
		this.sessions = sessions;
		this.events = events;
		this.relay = relay;
		this.clock = clock;
	}

	public Session schedule(ScheduleSessionRequest request, @Nullable String idempotencyKey) {
		requireOrder(request.startsAt(), request.endsAt());
		return scheduleOne(request, request.startsAt(), request.endsAt(),
				Idempotency.recordId("session", idempotencyKey), idempotencyKey, Idempotency.fingerprint(request));
	}

	/**
	 * Expands a weekly schedule into sessions; a retry with the same key returns the same
	 * sessions.
	 */
	public List<Session> scheduleRecurring(ScheduleRecurringRequest request, @Nullable String idempotencyKey) {
		WeeklySchedule schedule;
		try {
			schedule = request.schedule();
		}
		catch (IllegalArgumentException ex) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_schedule", ex.getMessage());
		}
		String fingerprint = Idempotency.fingerprint(request);
		List<Session> created = new ArrayList<>();
		int index = 0;
		for (WeeklySchedule.Occurrence occurrence : schedule.expand()) {
			String key = (idempotencyKey == null) ? null : idempotencyKey + "#" + index++;
			created.add(scheduleOne(request.single(), occurrence.startsAt(), occurrence.endsAt(),
					Idempotency.recordId("session", key), key, fingerprint));
		}
		return created;
	}

	private Session scheduleOne(ScheduleSessionRequest request, Instant startsAt, Instant endsAt, String id,
			@Nullable String idempotencyKey, String fingerprint) {
		Optional<Session> replay = replay(id, idempotencyKey, fingerprint);
		if (replay.isPresent()) {
			return replay.get();
		}
		Instant now = this.clock.instant();
		List<String> roster = List.copyOf(new LinkedHashSet<>(request.roster()));
		List<OutboxEntry> outbox = new ArrayList<>();
		for (String patientId : roster) {
			outbox.add(event(new SessionScheduled(id, request.programId(), patientId, request.sessionType(),
					request.modality(), startsAt, endsAt, request.facilitatorId(), now), now));
		}
		try {
			Session session = this.sessions
				.insert(new Session(id, request.programId(), request.sessionType(), request.modality(), startsAt,
						endsAt, request.facilitatorId(), roster, false, now, null, fingerprint, null, outbox));
			this.relay.nudge(Session.class, session.id());
			return session;
		}
		catch (DuplicateKeyException ex) {
			return replay(id, idempotencyKey, fingerprint).orElseThrow(() -> ex);
		}
	}

	/** New times, facilitator or modality; every rostered patient is told. */
	public Session reschedule(String id, RescheduleRequest request) {
		return OnConflict.retry(() -> {
			Session session = active(id);
			Instant startsAt = (request.startsAt() != null) ? request.startsAt() : session.startsAt();
			Instant endsAt = (request.endsAt() != null) ? request.endsAt() : session.endsAt();
			String facilitator = (request.facilitatorId() != null) ? request.facilitatorId() : session.facilitatorId();
			requireOrder(startsAt, endsAt);
			if (startsAt.equals(session.startsAt()) && endsAt.equals(session.endsAt())
					&& facilitator.equals(session.facilitatorId())) {
				return session; // nothing changes (a retry): no event
			}
			Instant now = this.clock.instant();
			List<OutboxEntry> events = session.roster()
				.stream()
				.map((patientId) -> event(new SessionChanged(id, session.programId(), patientId, session.sessionType(),
						session.modality(), startsAt, endsAt, facilitator, now), now))
				.toList();
			return save(session.changed(startsAt, endsAt, facilitator, session.roster(), false, events, now));
		});
	}

	/**
	 * Cancelling a cancelled session changes nothing, so a retried DELETE is harmless.
	 */
	public Session cancel(String id) {
		return OnConflict.retry(() -> {
			Session session = get(id);
			if (session.cancelled()) {
				return session;
			}
			Instant now = this.clock.instant();
			List<OutboxEntry> events = session.roster()
				.stream()
				.map((patientId) -> event(
						new SessionCancelled(id, session.programId(), patientId, session.startsAt(), false, now), now))
				.toList();
			return save(session.changed(session.startsAt(), session.endsAt(), session.facilitatorId(), session.roster(),
					true, events, now));
		});
	}

	public Session addToRoster(String id, String patientId) {
		return OnConflict.retry(() -> {
			Session session = active(id);
			if (session.hasOnRoster(patientId)) {
				return session;
			}
			Instant now = this.clock.instant();
			List<String> roster = new ArrayList<>(session.roster());
			roster.add(patientId);
			return save(session.changed(session.startsAt(), session.endsAt(), session.facilitatorId(), roster, false,
					List.of(event(new SessionScheduled(id, session.programId(), patientId, session.sessionType(),
							session.modality(), session.startsAt(), session.endsAt(), session.facilitatorId(), now),
							now)),
					now));
		});
	}

	public Session removeFromRoster(String id, String patientId) {
		return OnConflict.retry(() -> {
			Session session = active(id);
			if (!session.hasOnRoster(patientId)) {
				return session;
			}
			Instant now = this.clock.instant();
			List<String> roster = new ArrayList<>(session.roster());
			roster.remove(patientId);
			return save(session.changed(session.startsAt(), session.endsAt(), session.facilitatorId(), roster, false,
					List.of(event(
							new SessionCancelled(id, session.programId(), patientId, session.startsAt(), true, now),
							now)),
					now));
		});
	}

	public Session get(String id) {
		return this.sessions.findById(id)
			.orElseThrow(
					() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "session_not_found", "No such session"));
	}

	private Session active(String id) {
		Session session = get(id);
		if (session.cancelled()) {
			throw new RequestRejectedException(HttpStatus.CONFLICT, "session_cancelled",
					"The session is cancelled and cannot change");
		}
		return session;
	}

	private Session save(Session session) {
		Session saved = this.sessions.save(session);
		this.relay.nudge(Session.class, saved.id());
		return saved;
	}

	private Optional<Session> replay(String id, @Nullable String idempotencyKey, String fingerprint) {
		return Idempotency.replay(idempotencyKey, id, this.sessions::findById, Session::requestFingerprint,
				fingerprint);
	}

	private OutboxEntry event(StepwiseEvent data, Instant now) {
		return this.events.entry(data, now);
	}

	private static void requireOrder(Instant startsAt, Instant endsAt) {
		if (!endsAt.isAfter(startsAt)) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_session_times",
					"A session must end after it starts",
					List.of(new FieldProblem("endsAt", "must be after startsAt")));
		}
	}

}
