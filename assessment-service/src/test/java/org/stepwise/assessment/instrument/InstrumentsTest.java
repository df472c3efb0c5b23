package org.stepwise.assessment.instrument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Worked examples from the instruments' published scoring rules (docs/clinical-rules.md
 * section 2).
 */
class InstrumentsTest {

	static final Instruments INSTRUMENTS = Instruments.withDefaults();

	static Score score(Instrument instrument, Map<String, Integer> items) {
		return INSTRUMENTS.get(instrument).score(Submission.of(items));
	}

	/** Items "1".."n" with the given responses. */
	static Map<String, Integer> items(int... responses) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 0; i < responses.length; i++) {
			items.put(Integer.toString(i + 1), responses[i]);
		}
		return items;
	}

	static List<String> problemItems(Instrument instrument, Submission submission) {
		try {
			INSTRUMENTS.get(instrument).score(submission);
			throw new AssertionError("expected invalid responses");
		}
		catch (InvalidResponsesException ex) {
			return ex.problems().stream().map(ItemProblem::item).toList();
		}
	}

	@Nested
	class Phq9Scoring {

		@ParameterizedTest
		@CsvSource({ "0,0,0,0,0,0,0,0,0, 0, minimal", "1,1,1,1,0,0,0,0,0, 4, minimal", "1,1,1,1,1,0,0,0,0, 5, mild",
				"1,1,1,1,1,1,1,1,1, 9, mild", "2,1,1,1,1,1,1,1,1, 10, moderate", "2,2,2,2,2,1,1,1,1, 14, moderate",
				"2,2,2,2,2,2,1,1,1, 15, moderately severe", "3,3,3,2,2,2,2,2,0, 19, moderately severe",
				"3,3,3,3,2,2,2,2,0, 20, severe", "3,3,3,3,3,3,3,3,3, 27, severe" })
		void totalsAndBandsAtEveryCutOff(int i1, int i2, int i3, int i4, int i5, int i6, int i7, int i8, int i9,
				int total, String band) {
			Score score = score(Instrument.PHQ9, items(i1, i2, i3, i4, i5, i6, i7, i8, i9));
			assertThat(score.total()).isEqualTo(total);
			assertThat(score.band()).isEqualTo(band);
		}

		@ParameterizedTest
		@CsvSource({ "0, NONE", "1, HIGH", "2, CRITICAL", "3, CRITICAL" })
		void item9SetsTheSafetyLevelWhateverTheTotal(int item9, SafetyLevel safety) {
			assertThat(score(Instrument.PHQ9, items(0, 0, 0, 0, 0, 0, 0, 0, item9)).safety()).isEqualTo(safety);
		}

		@Test
		void item9ThresholdsAreConfigurable() {
			Instruments stricter = new Instruments(new Phq9.Item9Thresholds(1, 1));
			assertThat(stricter.get(Instrument.PHQ9).score(Submission.of(items(0, 0, 0, 0, 0, 0, 0, 0, 1))).safety())
				.isEqualTo(SafetyLevel.CRITICAL);
		}

		@Test
		void anIncompleteOrOutOfRangeInstrumentHasNoTotal() {
			Map<String, Integer> missingItem9 = items(1, 1, 1, 1, 1, 1, 1, 1);
			assertThat(problemItems(Instrument.PHQ9, Submission.of(missingItem9))).containsExactly("9");
			Map<String, Integer> outOfRange = items(1, 1, 4, 1, 1, 1, 1, 1, -1);
			outOfRange.put("10", 1);
			assertThat(problemItems(Instrument.PHQ9, Submission.of(outOfRange))).containsExactly("3", "9", "10");
		}

		@Test
		void isNotSubstanceUseData() {
			assertThat(score(Instrument.PHQ9, items(0, 0, 0, 0, 0, 0, 0, 0, 0)).labels()).isEmpty();
		}

	}

	@Test
	void gad7Bands() {
		assertThat(score(Instrument.GAD7, items(0, 0, 1, 1, 1, 1, 0)).band()).isEqualTo("minimal");
		assertThat(score(Instrument.GAD7, items(1, 1, 1, 1, 1, 0, 0)).band()).isEqualTo("mild");
		assertThat(score(Instrument.GAD7, items(2, 2, 2, 2, 1, 1, 0)).band()).isEqualTo("moderate");
		assertThat(score(Instrument.GAD7, items(3, 3, 3, 3, 3, 0, 0)).total()).isEqualTo(15);
		assertThat(score(Instrument.GAD7, items(3, 3, 3, 3, 3, 0, 0)).band()).isEqualTo("severe");
	}

	@Test
	void auditCCutOffDependsOnSex() {
		AuditC audit = (AuditC) INSTRUMENTS.get(Instrument.AUDITC);
		Map<String, Integer> three = items(1, 1, 1);
		Map<String, Integer> four = items(2, 1, 1);
		assertThat(audit.score(new Submission(three, List.of(), Submission.Sex.FEMALE)).band()).isEqualTo("positive");
		assertThat(audit.score(new Submission(three, List.of(), Submission.Sex.MALE)).band()).isEqualTo("negative");
		assertThat(audit.score(new Submission(four, List.of(), Submission.Sex.MALE)).band()).isEqualTo("positive");
		assertThat(audit.score(new Submission(four, List.of(), Submission.Sex.MALE)).labels())
			.containsExactly(SensitivityLabel.PART2);
		assertThat(problemItems(Instrument.AUDITC, Submission.of(three))).containsExactly("sex");
	}

	@Test
	void dast10ReversesItem3() {
		// All "no": item 3 "no" (cannot always stop) counts 1.
		Score allNo = score(Instrument.DAST10, items(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
		assertThat(allNo.total()).isEqualTo(1);
		assertThat(allNo.band()).isEqualTo("low");
		assertThat(score(Instrument.DAST10, items(0, 0, 1, 0, 0, 0, 0, 0, 0, 0)).band()).isEqualTo("none");
		assertThat(score(Instrument.DAST10, items(1, 1, 0, 1, 1, 1, 1, 1, 1, 1)).total()).isEqualTo(10);
		assertThat(score(Instrument.DAST10, items(1, 1, 1, 1, 1, 0, 0, 0, 0, 0)).band()).isEqualTo("moderate");
		assertThat(score(Instrument.DAST10, items(1, 1, 1, 1, 1, 1, 1, 1, 0, 0)).band()).isEqualTo("substantial");
		assertThat(allNo.labels()).containsExactly(SensitivityLabel.PART2);
	}

	@Test
	void pacsBands() {
		assertThat(score(Instrument.PACS, items(3, 3, 3, 3, 2)).band()).isEqualTo("not elevated");
		assertThat(score(Instrument.PACS, items(3, 3, 3, 3, 3)).band()).isEqualTo("elevated");
		assertThat(score(Instrument.PACS, items(4, 4, 4, 4, 4)).band()).isEqualTo("elevated");
		assertThat(score(Instrument.PACS, items(5, 4, 4, 4, 4)).band()).isEqualTo("high");
	}

	@Nested
	class BamScoring {

		/** Items 1-17 (7A-7G left out), each set to the given response. */
		Map<String, Integer> bam(int everyItem) {
			Map<String, Integer> items = new HashMap<>();
			for (int i = 1; i <= 17; i++) {
				if (i != 7) {
					items.put(Integer.toString(i), everyItem);
				}
			}
			return items;
		}

		@Test
		void subscalesAreSumsOfTheirItems() {
			Map<String, Integer> items = bam(0);
			items.putAll(Map.of("1", 2, "2", 2, "3", 2, "8", 2, "11", 2, "15", 2));
			items.putAll(Map.of("9", 3, "10", 3, "12", 3, "13", 3, "14", 3, "16", 3));
			Score score = score(Instrument.BAM, items);
			assertThat(score.total()).isNull();
			assertThat(score.subscales()).containsEntry("use", 0)
				.containsEntry("risk", 12)
				.containsEntry("protective", 18);
			assertThat(score.band()).isEqualTo("concern");
			assertThat(score.labels()).containsExactly(SensitivityLabel.PART2);
		}

		@Test
		void noConcernNeedsNoUseRiskBelow12AndProtectiveAbove12() {
			Map<String, Integer> items = bam(0);
			items.putAll(Map.of("9", 3, "10", 3, "12", 3, "13", 2, "14", 2, "16", 0));
			assertThat(score(Instrument.BAM, items).subscales()).containsEntry("protective", 13);
			assertThat(score(Instrument.BAM, items).band()).isEqualTo("no concern");
			items.put("14", 1);
			assertThat(score(Instrument.BAM, items).band()).isEqualTo("concern");
		}

		@Test
		void drugClassesAreRequiredOnlyWhenDrugUseIsReported() {
			Map<String, Integer> items = bam(1);
			assertThat(problemItems(Instrument.BAM, Submission.of(items))).containsExactly("7A", "7B", "7C", "7D", "7E",
					"7F", "7G");
			items.putAll(Map.of("7A", 1, "7B", 0, "7C", 0, "7D", 0, "7E", 2, "7F", 0, "7G", 0));
			assertThat(score(Instrument.BAM, items).subscales()).containsEntry("use", 3);
			assertThat(score(Instrument.BAM, bam(0)).subscales()).containsEntry("use", 0);
		}

	}

	@Nested
	class CssrsTriage {

		@ParameterizedTest
		@CsvSource(delimiter = '|', value = { "1=0,2=0,6=0 | none | NONE", "1=1,2=0,6=0 | low | LOW",
				"1=1,2=1,3=0,4=0,5=0,6=0 | low | LOW", "1=1,2=1,3=1,4=0,5=0,6=0 | moderate | MODERATE",
				"1=0,2=0,6=1,6-recent=0 | moderate | MODERATE", "1=1,2=1,3=1,4=1,5=0,6=0 | emergent | CRITICAL",
				"1=1,2=1,3=1,4=0,5=1,6=0 | emergent | CRITICAL", "1=0,2=0,6=1,6-recent=1 | emergent | CRITICAL" })
		void tiers(String answers, String tier, SafetyLevel safety) {
			Score score = score(Instrument.CSSRS, parse(answers));
			assertThat(score.band()).isEqualTo(tier);
			assertThat(score.safety()).isEqualTo(safety);
			assertThat(score.total()).isNull();
		}

		@Test
		void skipLogicIsEnforced() {
			assertThat(problemItems(Instrument.CSSRS, Submission.of(parse("1=1,2=0,4=1,6=0")))).containsExactly("4");
			assertThat(problemItems(Instrument.CSSRS, Submission.of(parse("1=1,2=1,6=0")))).containsExactly("3", "4",
					"5");
			assertThat(problemItems(Instrument.CSSRS, Submission.of(parse("1=0,2=0,6=1")))).containsExactly("6-recent");
		}

		Map<String, Integer> parse(String answers) {
			Map<String, Integer> items = new HashMap<>();
			for (String answer : answers.split(",")) {
				String[] parts = answer.trim().split("=");
				items.put(parts[0], Integer.parseInt(parts[1]));
			}
			return items;
		}

	}

	@Nested
	class DrugScreen {

		@Test
		void aPrescribedMedicationIsNotUse() {
			Score score = INSTRUMENTS.get(Instrument.UDS)
				.score(new Submission(Map.of(), List.of(new Submission.Analyte("buprenorphine", true, true, true),
						new Submission.Analyte("fentanyl", false, false, false)), null));
			assertThat(score.band()).isEqualTo("negative");
			assertThat(score.analytes()).noneMatch((analyte) -> analyte.countsAsUse());
			assertThat(score.labels()).containsExactly(SensitivityLabel.PART2);
		}

		@Test
		void aPositiveNonPrescribedSubstanceIsUse() {
			Score score = INSTRUMENTS.get(Instrument.UDS)
				.score(new Submission(Map.of(), List.of(new Submission.Analyte("methadone", true, false, true),
						new Submission.Analyte("fentanyl", true, false, false)), null));
			assertThat(score.band()).isEqualTo("positive");
			assertThat(score.analytes()).filteredOn((analyte) -> analyte.countsAsUse())
				.extracting((analyte) -> analyte.analyte())
				.containsExactly("fentanyl");
		}

		@Test
		void aScreenNeedsDistinctNamedAnalytes() {
			assertThat(problemItems(Instrument.UDS, new Submission(Map.of(), List.of(), null)))
				.containsExactly("analytes");
			assertThat(problemItems(Instrument.UDS,
					new Submission(Map.of(),
							List.of(new Submission.Analyte("THC", true, false, false),
									new Submission.Analyte("thc", false, false, false)),
							null)))
				.containsExactly("analytes");
		}

	}

}
