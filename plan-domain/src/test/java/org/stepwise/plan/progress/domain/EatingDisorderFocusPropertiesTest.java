package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.contracts.assessment.VitalsRecorded.Orthostatic;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.progress.SignalFired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stepwise.plan.progress.domain.Facts.at;

/**
 * Type selection with weight, vitals and EDE-QS among the facts: a program without types
 * (or with any types but eating disorder) evaluates exactly as if they were not there, as
 * it did before they existed; an eating-disorder focus adds S14-S16 and changes nothing
 * else it evaluates.
 */
class EatingDisorderFocusPropertiesTest {

	static boolean eatingDisorderFact(StepwiseEvent event) {
		return event instanceof VitalsRecorded
				|| (event instanceof AssessmentScored scored && scored.instrument() == Instrument.EDEQS);
	}

	@Property(tries = 500)
	void aProgramWithoutTheEatingDisorderTypeIgnoresTheirFacts(@ForAll("histories") List<StepwiseEvent> events,
			@ForAll("days") int day, @ForAll("typeSets") Set<ProgramType> types) {
		Set<ProgramType> withoutEatingDisorder = EnumSet.noneOf(ProgramType.class);
		withoutEatingDisorder.addAll(types);
		withoutEatingDisorder.remove(ProgramType.EATING_DISORDER);
		ProgramFocus focus = ProgramFocus.of(withoutEatingDisorder);
		Instant now = at(day, 21);
		List<StepwiseEvent> without = events.stream().filter((e) -> !eatingDisorderFact(e)).toList();

		Assessment with = Rules.evaluate(Projection.EMPTY.fold(events), RulesTest.IOP, Thresholds.DEFAULTS, focus,
				Facts.ZONE, now);

		assertThat(with).isEqualTo(Rules.evaluate(Projection.EMPTY.fold(without), RulesTest.IOP, Thresholds.DEFAULTS,
				focus, Facts.ZONE, now));
		assertThat(with.signals()).extracting(SignalFired::id).doesNotContain("S14", "S15", "S16");
		if (withoutEatingDisorder.isEmpty()) {
			// the signatures without a focus: as before program types
			assertThat(with).isEqualTo(
					Rules.evaluate(Projection.EMPTY.fold(events), RulesTest.IOP, Thresholds.DEFAULTS, Facts.ZONE, now));
		}
	}

	@Property(tries = 500)
	void theEatingDisorderTypeAddsItsSignalsAndChangesNoOther(@ForAll("histories") List<StepwiseEvent> events,
			@ForAll("days") int day, @ForAll("typeSets") Set<ProgramType> types) {
		Set<ProgramType> withEatingDisorder = EnumSet.of(ProgramType.EATING_DISORDER);
		withEatingDisorder.addAll(types);
		Instant now = at(day, 21);
		Projection projection = Projection.EMPTY.fold(events);

		ProgramFocus focus = ProgramFocus.of(withEatingDisorder);
		// the same focus without the eating-disorder signals (ADOLESCENT alone would be
		// the default focus, not this one)
		ProgramFocus others = new ProgramFocus(focus.addiction(), focus.mentalHealth(), focus.adolescent(), false);

		Assessment with = Rules.evaluate(projection, RulesTest.IOP, Thresholds.DEFAULTS, focus, Facts.ZONE, now);
		Assessment without = Rules.evaluate(projection, RulesTest.IOP, Thresholds.DEFAULTS, others, Facts.ZONE, now);

		List<String> added = List.of("S14", "S15", "S16");
		assertThat(with.signals().stream().filter((s) -> !added.contains(s.id())).toList())
			.isEqualTo(without.signals().stream().filter((s) -> !added.contains(s.id())).toList());
		assertThat(with.riskLevel()).isEqualTo(Rules.risk(with.signals()));
		assertThat(with.has("S14")).isEqualTo(with.stepUpReasons().stream().anyMatch((r) -> r.code().equals("S14")));
		with.signal("S14")
			.ifPresent((s14) -> assertThat(s14.severity()).isEqualTo(org.stepwise.contracts.Severity.CRITICAL));
	}

	@Provide
	Arbitrary<Integer> days() {
		return Arbitraries.integers().between(0, 45);
	}

	@Provide
	Arbitrary<Set<ProgramType>> typeSets() {
		return Arbitraries.of(ProgramType.class).set().ofMaxSize(3).map((set) -> {
			Set<ProgramType> types = EnumSet.noneOf(ProgramType.class);
			types.addAll(set);
			return types;
		});
	}

	/**
	 * Random facts of 40 days: sessions, check-ins, PHQ-9, C-SSRS, EDE-QS and
	 * measurements of weight and vitals around the thresholds.
	 */
	@Provide
	Arbitrary<List<StepwiseEvent>> histories() {
		Arbitrary<Integer> day = Arbitraries.integers().between(0, 40);
		Arbitrary<String> session = Arbitraries.of("s1", "s2", "s3", "s4");
		Arbitrary<StepwiseEvent> scheduled = Combinators.combine(session, day).as(Facts::session);
		Arbitrary<StepwiseEvent> recorded = Combinators.combine(session, day, Arbitraries.of(AttendanceStatus.class))
			.as(Facts::attendance);
		Arbitrary<StepwiseEvent> checkIn = Combinators
			.combine(day, Arbitraries.integers().between(0, 10), Arbitraries.of(true, false))
			.as(Facts::checkIn);
		Arbitrary<StepwiseEvent> phq9 = Combinators
			.combine(day, Arbitraries.integers().between(0, 27), Arbitraries.integers().between(0, 3))
			.as((d, total, item9) -> Facts.phq9("phq-" + d, d, total, item9));
		Arbitrary<StepwiseEvent> cssrs = Combinators.combine(day, Arbitraries.of(true, false))
			.as((d, emergent) -> Facts.cssrs("cssrs-" + d, d, emergent));
		Arbitrary<StepwiseEvent> edeqs = Combinators.combine(day, Arbitraries.integers().between(0, 36))
			.as((d, total) -> Facts.score("edeqs-" + d, Instrument.EDEQS, d, total));
		Arbitrary<StepwiseEvent> weight = Combinators.combine(day, Arbitraries.integers().between(440, 520))
			.as((d, hectograms) -> Vitals.on("w-" + d, d)
				.weight(java.math.BigDecimal.valueOf(hectograms, 1).toString())
				.event());
		Arbitrary<StepwiseEvent> vitals = Combinators
			.combine(day, Arbitraries.integers().between(42, 70), Arbitraries.of(TimeOfDay.class),
					Arbitraries.integers().between(84, 110), Arbitraries.integers().between(40, 70),
					Arbitraries.integers().between(352, 370), Arbitraries.integers().between(20, 50),
					Arbitraries.integers().between(70, 80))
			.as((d, rate, when, systolic, diastolic, tenths, rise, percent) -> Vitals.on("v-" + d, d)
				.heartRate(rate, when)
				.pressure(systolic, diastolic)
				.temperature(java.math.BigDecimal.valueOf(tenths, 1).toString())
				.orthostatic(new Orthostatic(60, 60 + rise, systolic + 10, systolic, diastolic + 5, diastolic))
				.medianBmiPercent(Integer.toString(percent))
				.event());
		return Arbitraries
			.frequencyOf(Tuple.of(2, scheduled), Tuple.of(2, recorded), Tuple.of(3, checkIn), Tuple.of(1, phq9),
					Tuple.of(1, cssrs), Tuple.of(2, edeqs), Tuple.of(2, weight), Tuple.of(2, vitals))
			.list()
			.ofMinSize(1)
			.ofMaxSize(50);
	}

}
