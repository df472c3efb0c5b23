package org.stepwise.alert.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyRuleTest {

	@ParameterizedTest
	@CsvSource({ "PHQ9, NONE, ", "PHQ9, HIGH, HIGH", "PHQ9, CRITICAL, CRITICAL", "CSSRS, LOW, MEDIUM",
			"CSSRS, MODERATE, HIGH", "CSSRS, CRITICAL, CRITICAL" })
	void aSafetyFlagBecomesASafetyAlertOfTheMatchingSeverity(Instrument instrument, SafetyLevel level,
			Severity expected) {
		AssessmentScored assessment = new AssessmentScored("a1", "program-a", "p1", instrument, Map.of("9", 2), null,
				Map.of(), "emergent", List.of(), level, Set.of(), Instant.parse("2026-03-03T15:00:00Z"),
				Instant.parse("2026-03-03T15:00:01Z"));
		var evidence = SafetyRule.evaluate(assessment, java.time.ZoneOffset.UTC);
		if (expected == null) {
			assertThat(evidence).isEmpty();
			return;
		}
		assertThat(evidence).get().satisfies((e) -> {
			assertThat(e.kind()).isEqualTo("SAFETY");
			assertThat(e.severity()).isEqualTo(expected);
			assertThat(e.values()).containsEntry("signal", instrument == Instrument.CSSRS ? "S2" : "S1");
			assertThat(e.evidence()).endsWith("on 2026-03-03").doesNotContain("p1");
			assertThat(e.revision()).isEqualTo(assessment.occurredAt().toEpochMilli());
		});
	}

}
