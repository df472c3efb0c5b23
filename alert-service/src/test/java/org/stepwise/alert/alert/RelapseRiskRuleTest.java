package org.stepwise.alert.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.Severity;
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

	private static ProgressAssessed assessed(RiskLevel risk, SignalFired... signals) {
		return new ProgressAssessed("program-a", "p1", 7, risk, false, List.of(signals), List.of(), List.of("event-7"),
				"test", AT.plusSeconds(7));
	}

}
