package org.stepwise.alert.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;

import static org.assertj.core.api.Assertions.assertThat;

class RelapseRiskRuleTest {

	static final Instant AT = Instant.parse("2026-03-04T21:00:00Z");

	static final SignalFired USE = new SignalFired("S6", "SUBSTANCE_USE", Severity.MEDIUM,
			"use on 1 day(s) in 14 days, first 2026-03-03", Map.of(), AT);

	static final SignalFired CRAVING = new SignalFired("S7", "CRAVING", Severity.LOW,
			"craving >= 7 on consecutive check-ins since 2026-03-02", Map.of(), AT);

	static final SignalFired SILENCE = new SignalFired("S12", "CHECK_IN_SILENCE", Severity.LOW,
			"no check-in for 3 days", Map.of(), AT);

	static final List<LapseRisk.Driver> DRIVERS = List.of(
			new LapseRisk.Driver("cravingRise", "craving up from 2 to 6 over 5 days", 12),
			new LapseRisk.Driver("lowConfidence", "confidence 4 of 10 of staying abstinent for a week", 9),
			new LapseRisk.Driver("stressRise", "stress up from 3 to 7 over 4 days", 4));

	@Test
	void highRiskIsAHighAlertExplainedByTheRiskSignalsOnly() {
		var evidence = RelapseRiskRule.evaluate(assessed(RiskLevel.HIGH, USE, CRAVING, SILENCE), List.of("c1"));

		assertThat(evidence).get().satisfies((e) -> {
			assertThat(e.kind()).isEqualTo("RELAPSE_RISK");
			assertThat(e.severity()).isEqualTo(Severity.HIGH);
			assertThat(e.evidence())
				.isEqualTo("Relapse risk HIGH: S6 SUBSTANCE_USE (use on 1 day(s) in 14 days,"
						+ " first 2026-03-03); S7 CRAVING (craving >= 7 on consecutive check-ins since 2026-03-02)")
				.doesNotContain("p1");
			assertThat(e.values()).containsOnly(Map.entry("riskLevel", "HIGH"), Map.entry("signals", "S6,S7"));
			assertThat(e.careTeam()).containsExactly("c1");
			assertThat(e.revision()).isEqualTo(7);
			assertThat(e.sourceEventIds()).containsExactly("event-7");
		});
	}

	@Test
	void moderateAndLowRiskDoNotAlert() {
		assertThat(RelapseRiskRule.evaluate(assessed(RiskLevel.MODERATE, USE), List.of())).isEmpty();
		assertThat(RelapseRiskRule.evaluate(assessed(RiskLevel.LOW), List.of())).isEmpty();
	}

	@Test
	void anElevatedEarlyWarningIsAMediumAlertExplainedByItsDriversInWords() {
		var evidence = RelapseRiskRule.evaluate(assessed(RiskLevel.LOW, warning(LapseRiskLevel.ELEVATED, 34, DRIVERS)),
				List.of("c1"));

		assertThat(evidence).get().satisfies((e) -> {
			assertThat(e.kind()).isEqualTo("RELAPSE_RISK");
			assertThat(e.severity()).isEqualTo(Severity.MEDIUM);
			assertThat(e.evidence()).isEqualTo("Early warning: lapse risk ELEVATED (34% in 7 days, model"
					+ " lapse-risk-0.1): craving up from 2 to 6 over 5 days; confidence 4 of 10 of staying abstinent"
					+ " for a week; stress up from 3 to 7 over 4 days");
			assertThat(e.values()).containsOnly(Map.entry("riskLevel", "LOW"), Map.entry("lapseRiskLevel", "ELEVATED"),
					Map.entry("lapseRiskPercent", "34"), Map.entry("lapseRiskModel", "lapse-risk-0.1"),
					Map.entry("drivers", "cravingRise,lowConfidence,stressRise"),
					Map.entry("driver:cravingRise", "craving up from 2 to 6 over 5 days"),
					Map.entry("driver:lowConfidence", "confidence 4 of 10 of staying abstinent for a week"),
					Map.entry("driver:stressRise", "stress up from 3 to 7 over 4 days"));
			assertThat(e.values().keySet()).as("map keys in the store have no dots").noneMatch((k) -> k.contains("."));
			assertThat(e.careTeam()).containsExactly("c1");
			assertThat(e.revision()).isEqualTo(7);
		});
	}

	@Test
	void aHighEarlyWarningIsAHighAlertEvenWithoutTheRulesHigh() {
		var evidence = RelapseRiskRule.evaluate(
				assessed(RiskLevel.MODERATE, warning(LapseRiskLevel.HIGH, 52, DRIVERS.subList(0, 1)), CRAVING),
				List.of());

		assertThat(evidence).get().satisfies((e) -> {
			assertThat(e.severity()).isEqualTo(Severity.HIGH);
			assertThat(e.evidence()).isEqualTo(
					"Early warning: lapse risk HIGH (52% in 7 days, model lapse-risk-0.1): craving up from 2 to 6 over 5 days");
			assertThat(e.values()).containsEntry("riskLevel", "MODERATE")
				.containsEntry("lapseRiskLevel", "HIGH")
				.containsEntry("drivers", "cravingRise")
				.doesNotContainKey("signals");
		});
	}

	@Test
	void theRulesHighWinsAndTheEarlyWarningLeadsTheEvidenceWhenItIsRaisedToo() {
		var withWarning = RelapseRiskRule.evaluate(
				assessed(RiskLevel.HIGH, warning(LapseRiskLevel.ELEVATED, 30, DRIVERS.subList(0, 1)), USE), List.of());
		assertThat(withWarning).get().satisfies((e) -> {
			assertThat(e.severity()).isEqualTo(Severity.HIGH);
			assertThat(e.evidence()).isEqualTo("Early warning: lapse risk ELEVATED (30% in 7 days, model"
					+ " lapse-risk-0.1): craving up from 2 to 6 over 5 days. Relapse risk HIGH: S6 SUBSTANCE_USE"
					+ " (use on 1 day(s) in 14 days, first 2026-03-03)");
			assertThat(e.values()).containsEntry("riskLevel", "HIGH")
				.containsEntry("lapseRiskLevel", "ELEVATED")
				.containsEntry("signals", "S6")
				.containsEntry("drivers", "cravingRise");
		});

		// A LOW early warning leaves today's text: the signals only, no drivers.
		var lowWarning = RelapseRiskRule
			.evaluate(assessed(RiskLevel.HIGH, warning(LapseRiskLevel.LOW, 8, DRIVERS.subList(0, 1)), USE), List.of());
		assertThat(lowWarning).get().satisfies((e) -> {
			assertThat(e.severity()).isEqualTo(Severity.HIGH);
			assertThat(e.evidence())
				.isEqualTo("Relapse risk HIGH: S6 SUBSTANCE_USE (use on 1 day(s) in 14 days, first 2026-03-03)");
			assertThat(e.values()).containsEntry("lapseRiskLevel", "LOW")
				.containsEntry("signals", "S6")
				.doesNotContainKeys("drivers", "driver:cravingRise");
		});
	}

	@Test
	void aLowEarlyWarningIsNoEvidenceSoTheAlertResolves() {
		assertThat(RelapseRiskRule.evaluate(assessed(RiskLevel.MODERATE, warning(LapseRiskLevel.LOW, 11, DRIVERS), USE),
				List.of()))
			.isEmpty();
		assertThat(
				RelapseRiskRule.evaluate(assessed(RiskLevel.LOW, warning(LapseRiskLevel.LOW, 3, List.of())), List.of()))
			.isEmpty();
	}

	@Test
	void progressFromProducersBeforeTheEarlyWarningIsJudgedAsBefore() {
		ProgressAssessed old = assessed(RiskLevel.HIGH, USE, CRAVING);
		assertThat(old.lapseRisk()).isNull();
		assertThat(RelapseRiskRule.evaluate(old, List.of())).get().satisfies((e) -> {
			assertThat(e.severity()).isEqualTo(Severity.HIGH);
			assertThat(e.evidence()).startsWith("Relapse risk HIGH: S6 SUBSTANCE_USE");
			assertThat(e.values().keySet()).containsOnly("riskLevel", "signals");
		});
		assertThat(RelapseRiskRule.evaluate(assessed(RiskLevel.MODERATE, USE), List.of())).isEmpty();
	}

	static LapseRisk warning(LapseRiskLevel level, int percent, List<LapseRisk.Driver> drivers) {
		return new LapseRisk(percent, level, "lapse-risk-0.1", drivers);
	}

	private static ProgressAssessed assessed(RiskLevel risk, SignalFired... signals) {
		return new ProgressAssessed("program-a", "p1", 7, risk, false, List.of(signals), List.of(), List.of("event-7"),
				"test", AT.plusSeconds(7));
	}

	private static ProgressAssessed assessed(RiskLevel risk, LapseRisk warning, SignalFired... signals) {
		return new ProgressAssessed("program-a", "p1", 7, risk, false, List.of(signals), List.of(), List.of("event-7"),
				"test", AT.plusSeconds(7), warning);
	}

}
