package org.stepwise.plan.plans.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.plan.progress.domain.Assessment;
import org.stepwise.plan.progress.domain.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic changes never leave the band or the bounds and never come twice in 7 days.
 */
class AdjustmentsPropertiesTest {

	static final Instant T0 = Instant.parse("2026-03-02T15:00:00Z");

	static final Assessment HIGH = new Assessment(RiskLevel.HIGH, false, List.of(), Map.of(), List.of(), false);

	static final Assessment READY = new Assessment(RiskLevel.LOW, true, List.of(), Map.of("all", true), List.of(),
			false);

	static PlanVersion plan(String level, boolean adolescent, int hours, int sessions, PlanMode mode, boolean locked,
			Bounds bounds) {
		return new PlanVersion(1, new LevelOfCare(level, 3), adolescent, BigDecimal.valueOf(hours), sessions, List.of(),
				List.of("c1"), mode, locked, bounds, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2),
				ChangeDirection.ENROLLED, "c1", List.of(), "v", T0);
	}

	@Test
	void iopStepsNineTwelveFifteenEighteenNineteen() {
		PlanVersion plan = plan("2.1", false, 9, 3, PlanMode.AUTOMATIC, false, Bounds.NONE);
		int[] expected = { 12, 15, 18, 19 };
		Instant now = T0;
		Instant last = null;
		for (int hours : expected) {
			Adjustments.Change change = Adjustments.decide(plan, HIGH, Thresholds.DEFAULTS, last, now).orElseThrow();
			assertThat(change.weeklyHours()).isEqualByComparingTo(BigDecimal.valueOf(hours));
			assertThat(change.direction()).isEqualTo(ChangeDirection.STEP_UP);
			// not again within 7 days
			assertThat(Adjustments.decide(
					plan.next(plan.levelOfCare(), plan.levelSince(), change.weeklyHours(), change.sessionsPerWeek(),
							change.direction(), "system", List.of(), "v", now),
					HIGH, Thresholds.DEFAULTS, now, now.plus(Duration.ofDays(7)).minusSeconds(1)))
				.isEmpty();
			plan = plan.next(plan.levelOfCare(), plan.levelSince(), change.weeklyHours(), change.sessionsPerWeek(),
					change.direction(), "system", List.of(), "v", now);
			last = now;
			now = now.plus(Duration.ofDays(7));
		}
		assertThat(plan.sessionsPerWeek()).isEqualTo(6);
		assertThat(Adjustments.decide(plan, HIGH, Thresholds.DEFAULTS, last, now)).isEmpty();
	}

	@Test
	void noneWhenLockedOrRecommendOnlyAndNotBelowBounds() {
		assertThat(Adjustments.decide(plan("2.1", false, 9, 3, PlanMode.AUTOMATIC, true, Bounds.NONE), HIGH,
				Thresholds.DEFAULTS, null, T0))
			.isEmpty();
		assertThat(Adjustments.decide(plan("2.1", false, 9, 3, PlanMode.RECOMMEND_ONLY, false, Bounds.NONE), HIGH,
				Thresholds.DEFAULTS, null, T0))
			.isEmpty();
		assertThat(Adjustments.decide(
				plan("2.1", false, 12, 4, PlanMode.AUTOMATIC, false, new Bounds(BigDecimal.valueOf(12), null)), READY,
				Thresholds.DEFAULTS, null, T0))
			.isEmpty();
		assertThat(Adjustments
			.decide(plan("2.1", false, 15, 5, PlanMode.AUTOMATIC, false, Bounds.NONE), READY, Thresholds.DEFAULTS, null,
					T0)
			.orElseThrow()
			.weeklyHours()).isEqualByComparingTo("12");
	}

	@Property(tries = 500)
	void automaticChangesStayInsideBandAndBoundsAndRespectTheGuardrail(@ForAll("levels") String level,
			@ForAll boolean adolescent, @ForAll @IntRange(min = 1, max = 35) int hours,
			@ForAll @IntRange(min = 0, max = 35) int boundA, @ForAll @IntRange(min = 0, max = 35) int boundB,
			@ForAll boolean withBounds, @ForAll boolean high, @ForAll boolean locked, @ForAll("modes") PlanMode mode,
			@ForAll @IntRange(min = 0, max = 20) int daysSinceLast, @ForAll boolean everChanged) {
		Bounds bounds = withBounds
				? new Bounds(BigDecimal.valueOf(Math.min(boundA, boundB)), BigDecimal.valueOf(Math.max(boundA, boundB)))
				: Bounds.NONE;
		PlanVersion plan = plan(level, adolescent, hours, 3, mode, locked, bounds);
		Instant last = everChanged ? T0 : null;
		Instant now = T0.plus(Duration.ofDays(daysSinceLast));
		Optional<Adjustments.Change> change = Adjustments.decide(plan, high ? HIGH : READY, Thresholds.DEFAULTS, last,
				now);
		if (change.isEmpty()) {
			return;
		}
		Thresholds.HourBand band = Thresholds.DEFAULTS.band(level, adolescent);
		BigDecimal to = change.get().weeklyHours();
		assertThat(to.doubleValue()).isBetween((double) band.minHours(), (double) band.maxHours());
		if (withBounds) {
			assertThat(to).isBetween(bounds.minHours(), bounds.maxHours());
		}
		assertThat(to.subtract(plan.weeklyHours()).abs()).isLessThanOrEqualTo(BigDecimal.valueOf(3));
		assertThat(locked).isFalse();
		assertThat(mode).isEqualTo(PlanMode.AUTOMATIC);
		assertThat(!everChanged || daysSinceLast >= 7).isTrue();
		assertThat(change.get().sessionsPerWeek()).isPositive();
	}

	@Provide
	Arbitrary<String> levels() {
		return Arbitraries.of("1.0", "2.1", "2.5");
	}

	@Provide
	Arbitrary<PlanMode> modes() {
		return Arbitraries.of(PlanMode.class);
	}

}
