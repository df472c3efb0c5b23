package org.stepwise.localstack;

import java.time.Duration;

/**
 * How long the launcher waits before restarting a service that exited: 1 s, then twice as
 * long after each crash, at most 30 s; a service that had run for a minute starts again
 * at 1 s (its last crash is not part of a crash loop).
 */
final class RestartBackoff {

	static final Duration FIRST = Duration.ofSeconds(1);

	static final Duration MAX = Duration.ofSeconds(30);

	static final Duration HEALTHY = Duration.ofMinutes(1);

	private Duration last = Duration.ZERO;

	/**
	 * The delay before the next start, for a service that exited after {@code uptime}.
	 */
	Duration next(Duration uptime) {
		if (this.last.isZero() || uptime.compareTo(HEALTHY) >= 0) {
			this.last = FIRST;
		}
		else {
			Duration doubled = this.last.multipliedBy(2);
			this.last = (doubled.compareTo(MAX) < 0) ? doubled : MAX;
		}
		return this.last;
	}

}
