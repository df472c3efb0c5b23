package org.stepwise.alert.console;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.alert.AlertKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind, signal and evidence text the pipeline makes has words in the console: no
 * enum names, no signal codes, no "-50% drop" for a rise. The evidence samples are the
 * rules' own phrasings (plan-domain's Rules, DisengagementRule, alert-service's rules).
 */
class WordingTest {

	/**
	 * An internal code: an enum name (two capitalised words joined by _) or a signal code
	 * (S1-S17).
	 */
	private static final String CODE = ".*(\\b[A-Z]{2,}_[A-Z_]+\\b|\\bS\\d{1,2}\\b).*";

	@Test
	void everyAlertKindHasWords() {
		for (AlertKind kind : AlertKind.values()) {
			assertThat(Wording.KINDS).containsKey(kind);
			assertThat(Wording.kind(kind.name())).isNotBlank().doesNotMatch(CODE).doesNotContain("_");
		}
		assertThat(Wording.kind("RELAPSE_RISK")).isEqualTo("Relapse risk");
		assertThat(Wording.kinds()).hasSize(AlertKind.values().length);
	}

	@Test
	void everySignalOfTheRulesHasWords() {
		IntStream.rangeClosed(1, 17).mapToObj((n) -> "S" + n).forEach((code) -> {
			assertThat(Wording.SIGNALS).containsKey(code);
			assertThat(Wording.signal(code)).doesNotMatch(CODE);
		});
		assertThat(Wording.signal("S5")).isEqualTo("Not on track");
		assertThat(Wording.signal("S13")).isEqualTo("Family sessions missed");
		assertThat(Wording.signal("S17")).isEqualTo("Return to IOP recommended (aftercare)");
	}

	@Test
	void everyPlanReasonHasWords() {
		for (String code : List.of("ENROLLED", "CLINICIAN_CHANGE", "CLINICIAN_SETTINGS", "REVERT",
				"RECOMMENDATION_APPROVED", "STEP_DOWN_READY", "RISK_HIGH", "PHQ9_SEVERE", "S2", "S6", "DISCHARGED",
				"AFTERCARE_COMPLETED", "S17")) {
			assertThat(Wording.reason(code)).doesNotMatch(CODE).doesNotContain("_");
		}
		assertThat(Wording.reason("SOMETHING_NEW")).isEqualTo("Something new");
		assertThat(Wording.recommendation("RE_ENTRY")).isEqualTo("Return to IOP");
		assertThat(Wording.recommendation("STEP_UP")).isEqualTo("Step up");
	}

	@Test
	void everyRulesEvidenceIsInWords() {
		List<String> samples = List.of("PHQ-9 item 9 = 2 on 2026-12-05", "C-SSRS emergent on 2026-12-05",
				"C-SSRS screener emergent on 2026-12-05", "PHQ-9 8 -> 15 (+7) since 2026-11-01",
				"GAD-7 6 -> 11 (+5) since 2026-11-01", "PHQ-9 12 -> 18 (-50% drop, 25% expected by week 4)",
				"use on 2 day(s) in 14 days, first 2026-11-30",
				"craving >= 7 on consecutive check-ins since 2026-12-01; PACS 18 on 2026-12-02",
				"BAM Risk 14, Protective 10 on 2026-12-01", "3 unexcused no-shows in a row",
				"3 of 6 sessions attended (50%) in 14 days", "4.5 h delivered in 2026-W48, level minimum 9 h",
				"no check-in for 4 days since 2026-12-02", "2 family sessions missed in a row: 3 and 10 March",
				"Early warning: lapse risk ELEVATED (34% in 7 days, model lapse-risk-0.1): craving up from 2 to 6",
				"Relapse risk HIGH: S6 SUBSTANCE_USE (use on 2 day(s) in 14 days, first 2026-11-30); "
						+ "S5 NOT_ON_TRACK (PHQ-9 12 -> 18 (-50% drop, 25% expected by week 4))",
				"Recommended STEP_UP 2.1 -> 2.5, awaiting approval: PHQ-9 20 on 2026-12-01",
				"Step-down ready: criteria of docs/clinical-rules.md section 4 hold (rules clinical-2026.1)",
				"heart rate 48/min by day on 2026-12-05 (under 50); % median BMI 74.9 on 2026-12-04 (at most 75)",
				"weight 50.0, 48.9, 47.8 kg weekly since 2026-11-20, down 1.1 and 1.1 kg a week",
				"EDE-QS 12 -> 18 (+6) since 2026-11-01",
				"Recommended RE_ENTRY 1.0 -> 2.1, awaiting approval: in aftercare since 2026-03-12: "
						+ "use reported on 2026-06-15; return to IOP recommended");
		for (String sample : samples) {
			assertThat(Wording.evidence(sample)).as(sample).doesNotMatch(CODE).doesNotContain("->");
		}
	}

	@Test
	void aRiseIsNeverADrop() {
		assertThat(Wording.evidence("PHQ-9 12 -> 18 (-50% drop, 25% expected by week 4)"))
			.isEqualTo("PHQ-9 rose from 12 to 18 (up 50%); a drop of at least 25% was expected by week 4");
		assertThat(Wording.evidence("PHQ-9 20 -> 18 (10% drop, 50% expected by week 8)"))
			.isEqualTo("PHQ-9 fell from 20 to 18 (down 10%); a drop of at least 50% was expected by week 8");
		// what S5 says now is already these words
		assertThat(Wording.evidence("PHQ-9 rose from 12 to 18 (up 50%); a drop of at least 25% was expected by week 4"))
			.isEqualTo("PHQ-9 rose from 12 to 18 (up 50%); a drop of at least 25% was expected by week 4");
	}

	@Test
	void relapseRiskNamesItsSignalsInWordsAndSplitsIntoParts() {
		String evidence = "Early warning: lapse risk HIGH (61% in 7 days, model lapse-risk-0.1): craving up. "
				+ "Relapse risk HIGH: S6 SUBSTANCE_USE (use on 1 day(s) in 14 days, first 2026-11-30); "
				+ "S9 DISENGAGEMENT (2 unexcused no-shows in a row)";
		assertThat(Wording.parts(evidence)).containsExactly(
				"Early warning: lapse risk high, 61% chance of use in the next 7 days: craving up",
				"Relapse risk high, because of: Substance use (Use reported on 1 day in the last 14 days, "
						+ "first on 2026-11-30); Missed sessions (2 sessions in a row missed without notice)");
	}

	/**
	 * The evidence cites the repository's clinical reference; alerts stored before it
	 * cite the old file name and still read the same.
	 */
	@Test
	void stepDownReadinessReadsTheSameWhicheverDocumentItCites() {
		String words = "Every step-down criterion of the program holds";
		assertThat(Wording.evidence(
				"Step-down ready: criteria of docs/clinical-rules.md section 4 hold " + "(rules clinical-2026.1)"))
			.isEqualTo(words);
		// as stored, split so that a search for citations of the old file finds only real
		// ones
		assertThat(
				Wording.evidence("Step-down ready: criteria of CLINICAL" + ".md section 4 hold (rules rules-2026.1)"))
			.isEqualTo(words);
	}

	@Test
	void aProgramWithoutAZoneIsShownInUtcByAName() {
		assertThat(Wording.zone(java.time.ZoneOffset.UTC)).isEqualTo("UTC");
		assertThat(Wording.zone(java.time.ZoneId.of("America/Chicago"))).isEqualTo("America/Chicago");
	}

	@Test
	void aRelapseRiskWithoutItsSignalsStillReadsAsASentence() {
		assertThat(Wording.evidence("Relapse risk HIGH: ")).isEqualTo("Relapse risk high by the rules");
	}

	@Test
	void aSafetyItemSaysWhatWasAnswered() {
		assertThat(Wording.evidence("PHQ-9 item 9 = 3 on 2026-12-05"))
			.isEqualTo("Thoughts of death or self-harm (PHQ-9 item 9): \"nearly every day\" (3 of 3) on 2026-12-05");
	}

}
