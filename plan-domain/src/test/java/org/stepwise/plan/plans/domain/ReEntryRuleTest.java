package org.stepwise.plan.plans.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.progress.domain.Facts;
import org.stepwise.plan.progress.domain.Projection;
import org.stepwise.plan.progress.domain.Rules;
import org.stepwise.plan.progress.domain.Thresholds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The re-entry signal, worked examples: discharged to aftercare on day 10 (Thursday 12
 * March 2026), judged at 22:00 on the day named.
 */
class ReEntryRuleTest {

	private static final LocalDate DISCHARGED = Facts.START.plusDays(10);

	private static Optional<SignalFired> reEntry(int day, LapseRiskLevel warning, StepwiseEvent... facts) {
		Projection projection = Projection.EMPTY.fold(List.of(facts));
		Instant now = Facts.at(day, 22);
		return ReEntryRule.evaluate(projection, Rules.evaluate(projection, null, Thresholds.DEFAULTS, Facts.ZONE, now),
				warning, DISCHARGED, Thresholds.DEFAULTS.useWindowDays(), ReEntryRule.PHQ9_AT_LEAST, Facts.ZONE, now);
	}

	@Test
	void useReportedInACheckInAfterTheDischarge() {
		assertThat(reEntry(40, LapseRiskLevel.LOW, Facts.checkIn(40, 3, true))).hasValueSatisfying((signal) -> {
			assertThat(signal.id()).isEqualTo("S17");
			assertThat(signal.kind()).isEqualTo("RE_ENTRY");
			assertThat(signal.severity()).isEqualTo(Severity.HIGH);
			assertThat(signal.evidence())
				.isEqualTo("in aftercare since 2026-03-12: use reported on 2026-04-11; return to IOP recommended");
			assertThat(signal.values()).containsEntry("useOn", "2026-04-11")
				.containsEntry("aftercareSince", "2026-03-12");
			assertThat(signal.since()).isEqualTo(Facts.at(40, 20));
		});
		// a positive drug screen is use too
		assertThat(reEntry(40, LapseRiskLevel.LOW, Facts.uds("u", 39, true))).isPresent();
		assertThat(reEntry(40, LapseRiskLevel.LOW, Facts.uds("u", 39, false))).isEmpty();
	}

	@Test
	void useBeforeTheDischargeOrOutsideTheUseWindowDoesNot() {
		// day 5 is within the 14-day window on day 12, but before aftercare began
		assertThat(reEntry(12, LapseRiskLevel.LOW, Facts.checkIn(5, 3, true))).isEmpty();
		// day 40's use is in the 14-day window up to day 53, not day 54: the signal
		// clears
		assertThat(reEntry(53, LapseRiskLevel.LOW, Facts.checkIn(40, 3, true))).isPresent();
		assertThat(reEntry(54, LapseRiskLevel.LOW, Facts.checkIn(40, 3, true))).isEmpty();
		assertThat(reEntry(40, LapseRiskLevel.LOW, Facts.checkIn(40, 8, false))).isEmpty();
	}

	@Test
	void aPhq9OfFifteenOrMoreAsTheLatestOne() {
		assertThat(reEntry(30, LapseRiskLevel.LOW, Facts.phq9("a", 30, 15, 0)))
			.hasValueSatisfying((signal) -> assertThat(signal.values()).containsEntry("phq9", "15"));
		assertThat(reEntry(30, LapseRiskLevel.LOW, Facts.phq9("a", 30, 14, 0))).isEmpty();
		// better since: the latest counts
		assertThat(reEntry(44, LapseRiskLevel.LOW, Facts.phq9("a", 30, 18, 0), Facts.phq9("b", 44, 9, 0))).isEmpty();
		// before the discharge it does not
		assertThat(reEntry(12, LapseRiskLevel.LOW, Facts.phq9("a", 8, 21, 0))).isEmpty();
	}

	@Test
	void theEarlyWarningAtHigh() {
		assertThat(reEntry(30, LapseRiskLevel.HIGH))
			.hasValueSatisfying((signal) -> assertThat(signal.evidence()).contains("early warning HIGH"));
		assertThat(reEntry(30, LapseRiskLevel.ELEVATED)).isEmpty();
		assertThat(reEntry(30, null)).isEmpty();
	}

	@Test
	void aSafetySignalAfterTheDischarge() {
		// PHQ-9 item 9 = 1 with a total of 8: S1, not the PHQ-9 cut-off
		assertThat(reEntry(30, LapseRiskLevel.LOW, Facts.phq9("a", 30, 8, 1))).hasValueSatisfying((signal) -> {
			assertThat(signal.values()).containsEntry("safety", "S1").doesNotContainKey("phq9");
			assertThat(signal.evidence()).contains("safety: PHQ-9 item 9 = 1");
		});
		assertThat(reEntry(31, LapseRiskLevel.LOW, Facts.cssrs("c", 31, true)))
			.hasValueSatisfying((signal) -> assertThat(signal.values()).containsEntry("safety", "S2"));
	}

	@Test
	void everyReasonThatHoldsIsNamedAndTheEarliestStartsIt() {
		assertThat(reEntry(40, LapseRiskLevel.HIGH, Facts.checkIn(40, 3, true), Facts.phq9("a", 38, 17, 0)))
			.hasValueSatisfying((signal) -> {
				assertThat(signal.evidence()).isEqualTo("in aftercare since 2026-03-12: use reported on 2026-04-11; "
						+ "PHQ-9 17 on 2026-04-09; early warning HIGH; return to IOP recommended");
				assertThat(signal.since()).isEqualTo(Facts.at(38, 10));
			});
	}

	@Test
	void aProgramSetsTheReEntryPhq9ByItsThreshold() {
		Projection projection = Projection.EMPTY.fold(List.of(Facts.phq9("a", 30, 12, 0)));
		Instant now = Facts.at(30, 22);
		Thresholds ten = Thresholds.DEFAULTS.withOverrides(Map.of("reEntryPhq9AtLeast", "10"));
		assertThat(Aftercare
			.assessed(Rules.evaluate(projection, null, ten, Facts.ZONE, now), projection, LapseRiskLevel.LOW,
					DISCHARGED, ten, Facts.ZONE, now)
			.signals()).extracting(SignalFired::id).contains("S17");
		assertThat(Aftercare
			.assessed(Rules.evaluate(projection, null, Thresholds.DEFAULTS, Facts.ZONE, now), projection,
					LapseRiskLevel.LOW, DISCHARGED, Thresholds.DEFAULTS, Facts.ZONE, now)
			.signals()).extracting(SignalFired::id).doesNotContain("S17");
	}

}
