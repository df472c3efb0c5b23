package org.stepwise.assessment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;

import org.stepwise.platform.web.RequestRejectedException;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

/**
 * Clinical time must not be in the future; a small tolerance absorbs clock differences
 * between devices.
 */
public final class ClinicalTime {

	static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

	private ClinicalTime() {
	}

	public static void requireNotFuture(Instant occurredAt, Clock clock) {
		requireNotFuture(occurredAt, "occurredAt", clock);
	}

	/** As {@link #requireNotFuture(Instant, Clock)}, the problem naming {@code field}. */
	public static void requireNotFuture(Instant clinicalTime, String field, Clock clock) {
		if (clinicalTime.isAfter(clock.instant().plus(CLOCK_TOLERANCE))) {
			throw new RequestRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "future_clinical_time",
					"Clinical time cannot be in the future",
					List.of(new FieldProblem(field, "must not be in the future")));
		}
	}

}
