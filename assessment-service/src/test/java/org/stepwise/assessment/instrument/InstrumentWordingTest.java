package org.stepwise.assessment.instrument;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.stepwise.contracts.assessment.Instrument;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every instrument says what it asks (issue 18): real item texts (never "PHQ-9 item 1"),
 * the stem with its time frame, answers that match the scoring, and the source and terms
 * of the wording.
 */
class InstrumentWordingTest {

	static final Instruments INSTRUMENTS = Instruments.withDefaults();

	/** "PHQ-9 item 1", "item 3", "DAST-10 item 10": a placeholder, not a question. */
	static final Pattern PLACEHOLDER = Pattern.compile("(?i)\\bitem\\s*\\d+");

	static Stream<InstrumentDefinition> questionnaires() {
		return INSTRUMENTS.all().stream().filter((definition) -> definition.instrument() != Instrument.UDS);
	}

	@ParameterizedTest
	@MethodSource("questionnaires")
	void everyItemAsksARealQuestion(InstrumentDefinition definition) {
		assertThat(definition.items()).isNotEmpty();
		for (ItemSpec item : definition.items()) {
			assertThat(item.text()).as("%s item %s", definition.instrument(), item.id())
				.doesNotContainPattern(PLACEHOLDER)
				.hasSizeGreaterThan(12);
		}
		assertThat(definition.items().stream().map(ItemSpec::text).distinct()).hasSameSizeAs(definition.items());
		assertThat(definition.stem()).as("stem of %s", definition.instrument()).hasSizeGreaterThan(30);
	}

	/** Every coded value has its answer, and the answers are exactly the item's range. */
	@ParameterizedTest
	@MethodSource("questionnaires")
	void theAnswersAreTheRangeTheScoringAccepts(InstrumentDefinition definition) {
		for (ItemSpec item : definition.items()) {
			assertThat(item.options().stream().map(AnswerOption::value))
				.as("%s item %s", definition.instrument(), item.id())
				.containsExactlyElementsOf(IntStream.rangeClosed(item.min(), item.max()).boxed().toList());
			assertThat(item.options()).allSatisfy((option) -> assertThat(option.label()).isNotBlank());
		}
	}

	/**
	 * An answer's score is what it adds to the total: the item at that answer, every
	 * other item at its answer that scores 0 (so a reversed item's "no" counts 1).
	 */
	@ParameterizedTest
	@EnumSource(value = Instrument.class, names = { "PHQ9", "GAD7", "AUDITC", "DAST10", "PACS", "EDEQS" })
	void eachAnswerAddsItsScoreToTheTotal(Instrument instrument) {
		SummedInstrument summed = (SummedInstrument) INSTRUMENTS.get(instrument);
		Map<String, Integer> scoringNothing = new HashMap<>();
		summed.items()
			.forEach((item) -> scoringNothing.put(item.id(),
					item.options().stream().filter((option) -> option.score() == 0).findFirst().orElseThrow().value()));
		assertThat(summed.total(scoringNothing)).isZero();
		for (ItemSpec item : summed.items()) {
			for (AnswerOption option : item.options()) {
				Map<String, Integer> responses = new HashMap<>(scoringNothing);
				responses.put(item.id(), option.value());
				assertThat(summed.total(responses)).as("%s item %s answer %s", instrument, item.id(), option.label())
					.isEqualTo(option.score());
			}
		}
		int top = summed.items()
			.stream()
			.mapToInt((item) -> item.options().stream().mapToInt(AnswerOption::score).max().orElseThrow())
			.sum();
		if (!summed.bands().isEmpty()) {
			assertThat(top).isEqualTo(summed.bands().getLast().max());
		}
	}

	@ParameterizedTest
	@MethodSource("questionnaires")
	void theSourceAndItsTermsAreNamed(InstrumentDefinition definition) {
		Source source = definition.source();
		assertThat(source.citation()).matches(".*\\b(19|20)\\d\\d\\b.*").hasSizeGreaterThan(40);
		assertThat(source.terms()).isNotBlank();
	}

	/** The terms decide the wording: verbatim where the owner allows reproduction. */
	@Test
	void phq9Gad7AndAuditCAreVerbatimTheCopyrightedOnesParaphrased() {
		assertThat(Stream.of(Instrument.PHQ9, Instrument.GAD7, Instrument.AUDITC)
			.map((instrument) -> INSTRUMENTS.get(instrument).source().wording())).containsOnly(Source.Wording.VERBATIM);
		assertThat(Stream.of(Instrument.DAST10, Instrument.BAM, Instrument.PACS, Instrument.CSSRS)
			.map((instrument) -> INSTRUMENTS.get(instrument).source().wording()))
			.containsOnly(Source.Wording.PARAPHRASE);
		assertThat(INSTRUMENTS.get(Instrument.PHQ9).stem())
			.isEqualTo("Over the last 2 weeks, how often have you been bothered by any of the following problems?");
		assertThat(INSTRUMENTS.get(Instrument.PHQ9).items().get(8).text())
			.isEqualTo("Thoughts that you would be better off dead or of hurting yourself in some way");
		assertThat(INSTRUMENTS.get(Instrument.PHQ9).items().get(0).options().stream().map(AnswerOption::label))
			.containsExactly("Not at all", "Several days", "More than half the days", "Nearly every day");
		assertThat(INSTRUMENTS.get(Instrument.AUDITC).items().get(2).text())
			.isEqualTo("How often do you have six or more drinks on one occasion?");
		assertThat(INSTRUMENTS.get(Instrument.DAST10).source().terms()).contains("Skinner");
	}

	@Test
	void theCheckInItemsAreTheRequestsFieldsInWords() {
		assertThat(DailyCheckIn.ITEMS.stream().map(ItemSpec::id)).containsExactly("mood", "craving",
				"usedSinceLastCheckIn", "sleepHours", "stress", "medicationTakenAsPrescribed", "confidence",
				"highRiskSituation");
		assertThat(DailyCheckIn.ITEMS).allSatisfy((item) -> {
			assertThat(item.text()).doesNotContainPattern(PLACEHOLDER).contains("?");
			assertThat(item.options().getFirst().value()).isEqualTo(item.min());
			assertThat(item.options().getLast().value()).isEqualTo(item.max());
		});
		assertThat(DailyCheckIn.SOURCE.citation()).contains("Chih 2014", "Galloway 2008");
	}

}
