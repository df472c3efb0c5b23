package org.stepwise.localstack;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBackoffTest {

	private static final Duration CRASHED_AT_ONCE = Duration.ofSeconds(2);

	@Test
	void doublesFromOneSecondUpToThirtySeconds() {
		RestartBackoff backoff = new RestartBackoff();
		assertThat(Stream.generate(() -> backoff.next(CRASHED_AT_ONCE)).limit(7).map(Duration::toSeconds))
			.containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
	}

	@Test
	void startsAgainAtOneSecondAfterAMinuteOfRunning() {
		RestartBackoff backoff = new RestartBackoff();
		backoff.next(CRASHED_AT_ONCE);
		backoff.next(CRASHED_AT_ONCE);
		backoff.next(CRASHED_AT_ONCE);
		assertThat(backoff.next(Duration.ofSeconds(61))).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.next(CRASHED_AT_ONCE)).isEqualTo(Duration.ofSeconds(2));
	}

}
