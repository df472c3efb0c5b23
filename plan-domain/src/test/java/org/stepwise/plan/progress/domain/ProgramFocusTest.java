package org.stepwise.plan.progress.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stepwise.contracts.program.ProgramType.ADDICTION;
import static org.stepwise.contracts.program.ProgramType.ADOLESCENT;
import static org.stepwise.contracts.program.ProgramType.DUAL_DIAGNOSIS;
import static org.stepwise.contracts.program.ProgramType.EATING_DISORDER;
import static org.stepwise.contracts.program.ProgramType.MENTAL_HEALTH;
import static org.stepwise.plan.progress.domain.Facts.at;
import static org.stepwise.plan.progress.domain.Facts.checkIn;
import static org.stepwise.plan.progress.domain.Facts.cssrs;
import static org.stepwise.plan.progress.domain.Facts.phq9;

/**
 * Program types select what the rules evaluate (docs/clinical-rules.md, program types):
 * each type and combinations, and a program without types evaluated exactly as before.
 */
class ProgramFocusTest {

	static Assessment evaluate(int day, List<StepwiseEvent> events, ProgramFocus focus) {
		return Rules.evaluate(Projection.EMPTY.fold(RulesTest.withCheckIns(day, events)), RulesTest.IOP,
				Thresholds.DEFAULTS, focus, Facts.ZONE, at(day, 23));
	}

	static ProgramFocus of(ProgramType... types) {
		return ProgramFocus.of(List.of(types));
	}

	/** Use on day 10 with depression worsening (PHQ-9 8 -> 15). */
	static final List<StepwiseEvent> USE_AND_WORSENING = List.of(phq9("p1", 1, 8, 0), phq9("p2", 10, 15, 0),
			checkIn(10, 2, true));

	@Test
	void noTypesAndAdolescentAloneAreTheDefaultFocus() {
		assertThat(ProgramFocus.of(null)).isEqualTo(ProgramFocus.DEFAULT);
		assertThat(ProgramFocus.of(List.of())).isEqualTo(ProgramFocus.DEFAULT);
		assertThat(of(ADDICTION, MENTAL_HEALTH)).isEqualTo(ProgramFocus.DEFAULT);
		assertThat(of(DUAL_DIAGNOSIS)).isEqualTo(ProgramFocus.DEFAULT);
		assertThat(of(ADOLESCENT)).isEqualTo(new ProgramFocus(true, true, true, false));
		assertThat(of(ADOLESCENT, ADDICTION)).isEqualTo(new ProgramFocus(true, false, true, false));
		assertThat(of(EATING_DISORDER)).isEqualTo(new ProgramFocus(false, false, false, true));
	}

	/**
	 * The services without plan-domain label a program's data 42 CFR Part 2 by
	 * ProgramType.monitorsAddiction: it must say what this focus says, for every set of
	 * types.
	 */
	@Test
	void monitoringAddictionIsWhatProgramTypeSaysForEverySetOfTypes() {
		ProgramType[] all = ProgramType.values();
		for (int subset = 0; subset < (1 << all.length); subset++) {
			List<ProgramType> types = new java.util.ArrayList<>();
			for (int i = 0; i < all.length; i++) {
				if ((subset & (1 << i)) != 0) {
					types.add(all[i]);
				}
			}
			assertThat(ProgramType.monitorsAddiction(types)).as("%s", types)
				.isEqualTo(ProgramFocus.of(types).addiction());
		}
		assertThat(ProgramType.monitorsAddiction(null)).isEqualTo(ProgramFocus.of(null).addiction());
	}

	@Test
	void safetyIsEvaluatedForEveryType() {
		for (ProgramType type : ProgramType.values()) {
			Assessment assessment = evaluate(2, List.of(phq9("p", 1, 8, 2), cssrs("c", 2, true)), of(type));
			assertThat(assessment.signals()).as(type.name()).extracting(SignalFired::id).contains("S1", "S2");
			assertThat(assessment.crisis()).as(type.name()).isTrue();
		}
	}

	@Test
	void attendanceAndEngagementAreEvaluatedForEveryType() {
		List<StepwiseEvent> missed = List.of(Facts.session("s1", 1),
				Facts.attendance("s1", 1, AttendanceStatus.NO_SHOW), Facts.session("s2", 3),
				Facts.attendance("s2", 3, AttendanceStatus.NO_SHOW));
		for (ProgramType type : ProgramType.values()) {
			// S12: no check-in since day 0 (the plan's start) by day 4
			Assessment assessment = Rules.evaluate(Projection.EMPTY.fold(missed), RulesTest.IOP, Thresholds.DEFAULTS,
					of(type), Facts.ZONE, at(4, 23));
			assertThat(assessment.signals()).as(type.name()).extracting(SignalFired::id).contains("S9", "S12");
		}
	}

	@Test
	void addictionWatchesUseButNotDepression() {
		Assessment assessment = evaluate(10, USE_AND_WORSENING, of(ADDICTION));
		assertThat(assessment.signals()).extracting(SignalFired::id).contains("S6").doesNotContain("S3");
		assertThat(assessment.riskLevel()).isEqualTo(RiskLevel.MODERATE);
		assertThat(assessment.readiness()).containsKeys("abstinent", "craving", "bam")
			.doesNotContainKeys("depression", "anxiety");
	}

	@Test
	void mentalHealthWatchesDepressionButNotUse() {
		Assessment assessment = evaluate(10, USE_AND_WORSENING, of(MENTAL_HEALTH));
		assertThat(assessment.signals()).extracting(SignalFired::id).contains("S3").doesNotContain("S6", "S7", "S8");
		assertThat(assessment.riskLevel()).isEqualTo(RiskLevel.MODERATE);
		assertThat(assessment.readiness()).containsKeys("depression", "anxiety")
			.doesNotContainKeys("abstinent", "craving", "bam");
	}

	@Test
	void dualDiagnosisRaisesRelapseRiskOnWorseningWithUse() {
		for (ProgramFocus focus : List.of(of(DUAL_DIAGNOSIS), ProgramFocus.DEFAULT, of(ADDICTION, MENTAL_HEALTH))) {
			Assessment assessment = evaluate(10, USE_AND_WORSENING, focus);
			assertThat(assessment.signals()).extracting(SignalFired::id).contains("S3", "S6");
			assertThat(assessment.riskLevel()).isEqualTo(RiskLevel.HIGH);
		}
	}

	@Test
	void eatingDisorderWatchesSafetyAndAttendanceOnlyAndJudgesNoStepDown() {
		List<StepwiseEvent> events = new ArrayList<>(USE_AND_WORSENING);
		events.add(Facts.score("pacs", Instrument.PACS, 10, 25));
		Assessment assessment = evaluate(10, events, of(EATING_DISORDER));
		assertThat(assessment.signals()).extracting(SignalFired::id)
			.doesNotContain("S3", "S4", "S5", "S6", "S7", "S8", "S13");
		assertThat(assessment.riskLevel()).isEqualTo(RiskLevel.LOW);
		assertThat(assessment.readiness()).isEmpty();
		assertThat(assessment.stepDownReady()).isFalse();
	}

	@Test
	void theSevereDepressionStepUpBelongsToTheMentalHealthFocus() {
		List<StepwiseEvent> severe = List.of(phq9("p", 1, 22, 0));
		assertThat(evaluate(2, severe, of(MENTAL_HEALTH)).stepUpReasons()).extracting("code").contains("PHQ9_SEVERE");
		assertThat(evaluate(2, severe, of(ADDICTION)).stepUpReasons()).extracting("code").doesNotContain("PHQ9_SEVERE");
	}

	/**
	 * A program without types is evaluated as before types existed: the signatures
	 * without a focus, no types, an empty list, addiction with mental health and dual
	 * diagnosis all agree, whatever the facts (family sessions missed included, which the
	 * default focus does not watch).
	 */
	@Property(tries = 1000)
	void aProgramWithoutTypesBehavesAsBefore(@ForAll("histories") List<StepwiseEvent> events, @ForAll("days") int day) {
		Projection projection = Projection.EMPTY.fold(events);
		java.time.Instant now = at(day, 21);
		Assessment before = Rules.evaluate(projection, RulesTest.IOP, Thresholds.DEFAULTS, Facts.ZONE, now);
		assertThat(before.has("S13")).isFalse();
		for (ProgramFocus focus : List.of(ProgramFocus.of(null), ProgramFocus.of(List.of()),
				of(ADDICTION, MENTAL_HEALTH), of(DUAL_DIAGNOSIS))) {
			assertThat(Rules.evaluate(projection, RulesTest.IOP, Thresholds.DEFAULTS, focus, Facts.ZONE, now))
				.isEqualTo(before);
		}
	}

	/**
	 * Any set of types evaluates exactly the default's signals it selects (the same
	 * evidence), plus S13 for adolescents, with relapse risk combined from those alone.
	 */
	@Property(tries = 1000)
	void aFocusSelectsSignalsWithoutChangingThem(@ForAll("histories") List<StepwiseEvent> events,
			@ForAll("days") int day, @ForAll("typeSets") Set<ProgramType> types) {
		Projection projection = Projection.EMPTY.fold(events);
		java.time.Instant now = at(day, 21);
		ProgramFocus focus = ProgramFocus.of(types);
		Assessment all = Rules.evaluate(projection, RulesTest.IOP, Thresholds.DEFAULTS,
				new ProgramFocus(true, true, true, false), Facts.ZONE, now);
		Assessment selected = Rules.evaluate(projection, RulesTest.IOP, Thresholds.DEFAULTS, focus, Facts.ZONE, now);

		assertThat(selected.signals())
			.isEqualTo(all.signals().stream().filter((signal) -> focus.evaluates(signal.id())).toList());
		assertThat(selected.riskLevel()).isEqualTo(Rules.risk(selected.signals()));
		assertThat(selected.crisis()).isEqualTo(all.crisis());
		assertThat(all.readiness().keySet()).containsAll(selected.readiness().keySet());
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

	/** Random facts of 40 days: group and family sessions, check-ins, instruments. */
	@Provide
	Arbitrary<List<StepwiseEvent>> histories() {
		Arbitrary<Integer> day = Arbitraries.integers().between(0, 40);
		Arbitrary<String> session = Arbitraries.of("s1", "s2", "s3", "s4", "s5", "s6");
		Arbitrary<String> familySession = Arbitraries.of("f1", "f2", "f3", "f4");
		Arbitrary<AttendanceStatus> status = Arbitraries.of(AttendanceStatus.class);
		Arbitrary<StepwiseEvent> scheduled = Combinators.combine(session, day).as(Facts::session);
		Arbitrary<StepwiseEvent> recorded = Combinators.combine(session, day, status).as(Facts::attendance);
		Arbitrary<StepwiseEvent> family = Combinators.combine(familySession, day).as(Facts::familySession);
		Arbitrary<StepwiseEvent> familyRecorded = Combinators.combine(familySession, day, status)
			.as(Facts::familyAttendance);
		Arbitrary<StepwiseEvent> checkIn = Combinators
			.combine(day, Arbitraries.integers().between(0, 10), Arbitraries.of(true, false))
			.as(Facts::checkIn);
		Arbitrary<StepwiseEvent> phq9 = Combinators
			.combine(day, Arbitraries.integers().between(0, 27), Arbitraries.integers().between(0, 3))
			.as((d, total, item9) -> Facts.phq9("phq-" + d, d, total, item9));
		Arbitrary<StepwiseEvent> gad7 = Combinators.combine(day, Arbitraries.integers().between(0, 21))
			.as((d, total) -> Facts.score("gad-" + d, Instrument.GAD7, d, total));
		Arbitrary<StepwiseEvent> pacs = Combinators.combine(day, Arbitraries.integers().between(0, 30))
			.as((d, total) -> Facts.score("pacs-" + d, Instrument.PACS, d, total));
		Arbitrary<StepwiseEvent> bam = Combinators
			.combine(day, Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 24),
					Arbitraries.integers().between(0, 24))
			.as((d, use, risk, protective) -> Facts.bam("bam-" + d, d, use, risk, protective));
		Arbitrary<StepwiseEvent> uds = Combinators.combine(day, Arbitraries.of(true, false))
			.as((d, use) -> Facts.uds("uds-" + d, d, use));
		Arbitrary<StepwiseEvent> cssrs = Combinators.combine(day, Arbitraries.of(true, false))
			.as((d, emergent) -> Facts.cssrs("cssrs-" + d, d, emergent));
		return Arbitraries
			.frequencyOf(net.jqwik.api.Tuple.of(3, scheduled), net.jqwik.api.Tuple.of(3, recorded),
					net.jqwik.api.Tuple.of(2, family), net.jqwik.api.Tuple.of(2, familyRecorded),
					net.jqwik.api.Tuple.of(4, checkIn), net.jqwik.api.Tuple.of(2, phq9),
					net.jqwik.api.Tuple.of(1, gad7), net.jqwik.api.Tuple.of(1, pacs), net.jqwik.api.Tuple.of(1, bam),
					net.jqwik.api.Tuple.of(1, uds), net.jqwik.api.Tuple.of(1, cssrs))
			.list()
			.ofMinSize(1)
			.ofMaxSize(60);
	}

}
