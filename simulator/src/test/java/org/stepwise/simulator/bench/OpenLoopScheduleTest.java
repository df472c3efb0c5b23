package org.stepwise.simulator.bench;

import java.time.Duration;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OpenLoopScheduleTest {

	@Test
	void requestsAreDueAtFixedIntervalsFromTheStart() {
		OpenLoopSchedule schedule = new OpenLoopSchedule(200, Duration.ofSeconds(60), 0.05);
		assertThat(schedule.count()).isEqualTo(12_000);
		assertThat(schedule.offsetNanos(0)).isZero();
		assertThat(schedule.offsetNanos(1)).isEqualTo(5_000_000);
		assertThat(schedule.offsetNanos(11_999)).isEqualTo(59_995_000_000L);
		// no drift: request i is due at i / rate, not the sum of rounded gaps
		OpenLoopSchedule third = new OpenLoopSchedule(3, Duration.ofSeconds(1), 0);
		assertThat(third.count()).isEqualTo(3);
		assertThat(third.offsetNanos(1)).isEqualTo(333_333_333);
		assertThat(third.offsetNanos(2)).isEqualTo(666_666_667);
		assertThat(new OpenLoopSchedule(3, Duration.ofSeconds(300), 0).offsetNanos(900)).isEqualTo(300_000_000_000L);
	}

	@Test
	void countCoversEveryRequestDueBeforeTheEnd() {
		assertThat(new OpenLoopSchedule(200, Duration.ofMillis(1), 0).count()).isEqualTo(1);
		assertThat(new OpenLoopSchedule(200, Duration.ofMillis(7), 0).count()).isEqualTo(2);
		assertThat(new OpenLoopSchedule(0.5, Duration.ofSeconds(10), 0).count()).isEqualTo(5);
		assertThat(new OpenLoopSchedule(7, Duration.ofMillis(1500), 0).count()).isEqualTo(11);
	}

	@Test
	void safetySubmissionsAreSpreadEvenly() {
		OpenLoopSchedule schedule = new OpenLoopSchedule(200, Duration.ofSeconds(60), 0.05);
		long total = LongStream.range(0, schedule.count()).filter(schedule::safety).count();
		assertThat(total).isEqualTo(600).isEqualTo(schedule.safetyCount());
		// every window of 20 requests holds exactly one (0.05 * 20), wherever it starts
		for (long from = 0; from < 200; from += 7) {
			long start = from;
			assertThat(LongStream.range(start, start + 20).filter(schedule::safety).count()).isEqualTo(1);
		}
		assertThat(LongStream.range(0, 20).filter(schedule::safety).toArray()).containsExactly(19);
		OpenLoopSchedule none = new OpenLoopSchedule(200, Duration.ofSeconds(1), 0);
		assertThat(LongStream.range(0, 200).filter(none::safety).count()).isZero();
		OpenLoopSchedule all = new OpenLoopSchedule(200, Duration.ofSeconds(1), 1);
		assertThat(LongStream.range(0, 200).filter(all::safety).count()).isEqualTo(200);
		OpenLoopSchedule third = new OpenLoopSchedule(300, Duration.ofSeconds(1), 1.0 / 3);
		assertThat(LongStream.range(0, 300).filter(third::safety).count()).isEqualTo(100);
	}

	@Test
	void safetyAndRelapseSubmissionsInterleaveWithoutSharingAnIndex() {
		OpenLoopSchedule schedule = new OpenLoopSchedule(200, Duration.ofSeconds(60), 0.05, 0.05);
		long count = schedule.count();
		assertThat(LongStream.range(0, count).filter(schedule::safety).count()).isEqualTo(600)
			.isEqualTo(schedule.safetyCount());
		assertThat(LongStream.range(0, count).filter(schedule::relapse).count()).isEqualTo(600)
			.isEqualTo(schedule.relapseCount());
		assertThat(LongStream.range(0, count).filter((i) -> schedule.safety(i) && schedule.relapse(i))).isEmpty();
		// one measured submission in every 10 requests, the two kinds taking turns
		assertThat(LongStream.range(0, 40).filter(schedule::safety).toArray()).containsExactly(9, 29);
		assertThat(LongStream.range(0, 40).filter(schedule::relapse).toArray()).containsExactly(19, 39);
		for (long from = 0; from < 400; from += 7) {
			long start = from;
			assertThat(LongStream.range(start, start + 20)
				.filter((i) -> schedule.kind(i) != OpenLoopSchedule.Kind.ORDINARY)
				.count()).isEqualTo(2);
			assertThat(LongStream.range(start, start + 40).filter(schedule::relapse).count()).isEqualTo(2);
		}
		// deterministic: the same schedule gives every request the same kind
		OpenLoopSchedule again = new OpenLoopSchedule(200, Duration.ofSeconds(60), 0.05, 0.05);
		assertThat(LongStream.range(0, count).allMatch((i) -> again.kind(i) == schedule.kind(i))).isTrue();
	}

	@Test
	void unevenFractionsAreRespectedWithinOne() {
		double[][] fractions = { { 0.05, 0.02 }, { 0.03, 0.011 }, { 0.2, 0.35 }, { 0, 0.1 }, { 0.5, 0.5 },
				{ 0.013, 0.07 } };
		for (double[] f : fractions) {
			OpenLoopSchedule schedule = new OpenLoopSchedule(200, Duration.ofSeconds(60), f[0], f[1]);
			long count = schedule.count();
			long safety = LongStream.range(0, count).filter(schedule::safety).count();
			long relapse = LongStream.range(0, count).filter(schedule::relapse).count();
			long ordinary = LongStream.range(0, count)
				.filter((i) -> schedule.kind(i) == OpenLoopSchedule.Kind.ORDINARY)
				.count();
			assertThat(safety).as("safety at %s", f[0])
				.isEqualTo(schedule.safetyCount())
				.isBetween((long) Math.floor(count * f[0]) - 1, (long) Math.ceil(count * f[0]) + 1);
			assertThat(relapse).as("relapse at %s", f[1])
				.isEqualTo(schedule.relapseCount())
				.isBetween((long) Math.floor(count * f[1]) - 1, (long) Math.ceil(count * f[1]) + 1);
			assertThat(safety + relapse + ordinary).isEqualTo(count);
		}
	}

	@Test
	void withoutRelapseTheSafetySubmissionsStayWhereTheyWere() {
		OpenLoopSchedule old = new OpenLoopSchedule(200, Duration.ofSeconds(60), 0.05);
		OpenLoopSchedule none = new OpenLoopSchedule(200, Duration.ofSeconds(60), 0.05, 0);
		assertThat(old.relapseFraction()).isZero();
		assertThat(LongStream.range(0, old.count()).allMatch((i) -> old.safety(i) == none.safety(i))).isTrue();
		assertThat(LongStream.range(0, old.count()).noneMatch(old::relapse)).isTrue();
		OpenLoopSchedule relapseOnly = new OpenLoopSchedule(200, Duration.ofSeconds(1), 0, 0.1);
		assertThat(LongStream.range(0, 200).filter(relapseOnly::relapse).toArray()).hasSize(20).startsWith(9, 19);
		assertThat(LongStream.range(0, 200).noneMatch(relapseOnly::safety)).isTrue();
	}

	@Test
	void rejectsMeaninglessSchedules() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OpenLoopSchedule(0, Duration.ofSeconds(1), 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpenLoopSchedule(Double.NaN, Duration.ofSeconds(1), 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new OpenLoopSchedule(10, Duration.ZERO, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new OpenLoopSchedule(10, Duration.ofSeconds(1), 1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> new OpenLoopSchedule(10, Duration.ofSeconds(1), 0, -0.1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpenLoopSchedule(10, Duration.ofSeconds(1), 0.6, 0.5));
	}

}
