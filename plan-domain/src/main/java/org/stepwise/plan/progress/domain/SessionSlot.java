package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

/**
 * A session this patient is rostered on. The schedule part is the newest
 * {@code SessionScheduled}/{@code SessionChanged} by {@code recordedAt}; cancellation is
 * absorbing (once cancelled or removed from the roster, it stays so), which keeps the
 * merge commutative whatever the arrival order.
 */
public record SessionSlot(String sessionId, @Nullable Instant startsAt, @Nullable Instant endsAt,
		@Nullable Instant scheduleRecordedAt, boolean cancelled) {

	private static final Comparator<Instant> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

	private static final Comparator<SessionSlot> SCHEDULE = Comparator
		.comparing(SessionSlot::scheduleRecordedAt, NULLS_FIRST)
		.thenComparing(SessionSlot::startsAt, NULLS_FIRST)
		.thenComparing(SessionSlot::endsAt, NULLS_FIRST);

	public static SessionSlot merge(SessionSlot a, SessionSlot b) {
		SessionSlot schedule = (SCHEDULE.compare(b, a) > 0) ? b : a;
		return new SessionSlot(a.sessionId, schedule.startsAt, schedule.endsAt, schedule.scheduleRecordedAt,
				a.cancelled || b.cancelled);
	}

	/** Scheduled hours, zero when the end is unknown. */
	public double hours() {
		return (this.startsAt == null || this.endsAt == null) ? 0
				: java.time.Duration.between(this.startsAt, this.endsAt).toMinutes() / 60.0;
	}

}
