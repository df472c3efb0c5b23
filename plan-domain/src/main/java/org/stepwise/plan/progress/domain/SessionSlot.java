package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.attendance.SessionType;

/**
 * A session this patient is rostered on. The schedule part (times and kind) is the newest
 * {@code SessionScheduled}/{@code SessionChanged} by {@code recordedAt}; cancellation is
 * absorbing (once cancelled or removed from the roster, it stays so), which keeps the
 * merge commutative whatever the arrival order.
 *
 * @param sessionType the kind of session (S13 reads family sessions); null when only its
 * cancellation is known, and in slots stored before it was kept
 */
public record SessionSlot(String sessionId, @Nullable Instant startsAt, @Nullable Instant endsAt,
		@Nullable Instant scheduleRecordedAt, boolean cancelled, @Nullable SessionType sessionType) {

	private static final Comparator<Instant> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

	private static final Comparator<SessionSlot> SCHEDULE = Comparator
		.comparing(SessionSlot::scheduleRecordedAt, NULLS_FIRST)
		.thenComparing(SessionSlot::startsAt, NULLS_FIRST)
		.thenComparing(SessionSlot::endsAt, NULLS_FIRST)
		.thenComparing(SessionSlot::sessionType, Comparator.nullsFirst(Comparator.naturalOrder()));

	/** A slot of a session whose kind is not known. */
	public SessionSlot(String sessionId, @Nullable Instant startsAt, @Nullable Instant endsAt,
			@Nullable Instant scheduleRecordedAt, boolean cancelled) {
		this(sessionId, startsAt, endsAt, scheduleRecordedAt, cancelled, null);
	}

	public static SessionSlot merge(SessionSlot a, SessionSlot b) {
		SessionSlot schedule = (SCHEDULE.compare(b, a) > 0) ? b : a;
		return new SessionSlot(a.sessionId, schedule.startsAt, schedule.endsAt, schedule.scheduleRecordedAt,
				a.cancelled || b.cancelled, schedule.sessionType);
	}

	/** Scheduled hours, zero when the end is unknown. */
	public double hours() {
		return (this.startsAt == null || this.endsAt == null) ? 0
				: java.time.Duration.between(this.startsAt, this.endsAt).toMinutes() / 60.0;
	}

}
