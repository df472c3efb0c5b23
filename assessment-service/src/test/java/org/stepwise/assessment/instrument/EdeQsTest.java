package org.stepwise.assessment.instrument;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EDE-QS (Gideon 2016) worked examples: twelve items 0-3 summed to 0-36, the clinical
 * cut-off of 15 (Prytherch 2021) as the band, item-level checks.
 */
class EdeQsTest {

	static final InstrumentDefinition EDEQS = Instruments.withDefaults().get(Instrument.EDEQS);

	@ParameterizedTest
	@CsvSource({ "0,0,0,0,0,0,0,0,0,0,0,0, 0, below clinical cut-off",
			"1,1,1,1,1,1,1,1,1,1,1,1, 12, below clinical cut-off",
			"2,2,2,2,2,1,0,0,0,0,0,0, 11, below clinical cut-off",
			"2,2,2,2,2,2,1,0,0,0,0,1, 14, below clinical cut-off", "2,2,2,2,2,2,1,0,0,0,1,1, 15, clinical range",
			"3,3,2,2,3,3,0,1,0,0,2,3, 22, clinical range", "3,3,3,3,3,3,3,3,3,3,3,3, 36, clinical range" })
	void theTotalIsTheSumOfTheTwelveItemsBandedAtFifteen(int i1, int i2, int i3, int i4, int i5, int i6, int i7, int i8,
			int i9, int i10, int i11, int i12, int total, String band) {
		Score score = EDEQS
			.score(Submission.of(InstrumentsTest.items(i1, i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12)));
		assertThat(score.total()).isEqualTo(total);
		assertThat(score.band()).isEqualTo(band);
		assertThat(score.safety()).isEqualTo(SafetyLevel.NONE);
		assertThat(score.subscales()).isEmpty();
		assertThat(score.labels()).isEmpty();
	}

	@Test
	void daysForItemsOneToTenHowMuchForElevenAndTwelve() {
		assertThat(EDEQS.items()).hasSize(12);
		assertThat(EDEQS.items().get(0).options().stream().map(AnswerOption::label)).containsExactly("0 days",
				"1-2 days", "3-5 days", "6-7 days");
		assertThat(EDEQS.items().get(9).options().stream().map(AnswerOption::label)).containsExactly("0 days",
				"1-2 days", "3-5 days", "6-7 days");
		assertThat(EDEQS.items().get(11).options().stream().map(AnswerOption::label)).containsExactly("Not at all",
				"Slightly", "Moderately", "Markedly");
		assertThat(EDEQS.stem()).contains("past 7 days");
		assertThat(EDEQS.source().citation()).contains("Gideon").contains("2016");
		assertThat(EDEQS.source().wording()).isEqualTo(Source.Wording.PARAPHRASE);
	}

	@Test
	void aMissingItemAnOutOfRangeOneAndAnUnknownOneAreEachNamed() {
		Map<String, Integer> items = new HashMap<>(InstrumentsTest.items(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
		items.remove("12");
		items.put("3", 4);
		items.put("13", 0);
		assertThat(InstrumentsTest.problemItems(Instrument.EDEQS, Submission.of(items))).containsExactlyInAnyOrder("12",
				"3", "13");
	}

	@Test
	void theContractBoundsAreTheInstrumentsOwn() {
		assertThat(Instrument.EDEQS.itemIds()).hasSize(12);
		assertThat(Instrument.EDEQS.maxItem()).isEqualTo(3);
		assertThat(Instrument.EDEQS.maxTotal()).isEqualTo(36);
	}

}
