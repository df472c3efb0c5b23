package org.stepwise.plan.progress;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClinicalTimeTest {

	static final Instant WALL = Instant.parse("2026-12-02T16:00:00Z");

	static final Clock CLOCK = Clock.fixed(WALL, ZoneOffset.UTC);

	@Test
	void onTheWallClockFactsDoNotMoveTime() {
		ClinicalTime time = new ClinicalTime(CLOCK, ClinicalTime.Mode.WALL, Optional::empty);
		time.observed(Instant.parse("2026-09-01T10:00:00Z"));

		assertThat(time.now()).isEqualTo(WALL);
	}

	@Test
	void eventTimeIsTheLatestFactNeverBackNeverAheadOfTheWallClock() {
		ClinicalTime time = new ClinicalTime(CLOCK, ClinicalTime.Mode.EVENTS, Optional::empty);
		assertThat(time.now()).isEqualTo(Instant.EPOCH);

		time.observed(Instant.parse("2026-09-02T10:00:00Z"));
		time.observed(Instant.parse("2026-09-01T10:00:00Z"));
		assertThat(time.now()).isEqualTo(Instant.parse("2026-09-02T10:00:00Z"));

		time.observed(WALL.plusSeconds(3600));
		assertThat(time.now()).isEqualTo(WALL);
	}

	@Test
	void eventTimeResumesFromTheLatestEvaluationStored() {
		Instant stored = Instant.parse("2026-10-05T12:00:00Z");
		ClinicalTime time = new ClinicalTime(CLOCK, ClinicalTime.Mode.EVENTS, () -> Optional.of(stored));

		time.observed(Instant.parse("2026-10-01T00:00:00Z"));
		assertThat(time.now()).isEqualTo(stored);
	}

}
