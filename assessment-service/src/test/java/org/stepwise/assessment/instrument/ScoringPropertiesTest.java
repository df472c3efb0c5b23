package org.stepwise.assessment.instrument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.stepwise.contracts.assessment.Instrument;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the summed instruments, over random complete responses. */
class ScoringPropertiesTest {

	private static final Instruments INSTRUMENTS = Instruments.withDefaults();

	private static final List<Instrument> SUMMED = List.of(Instrument.PHQ9, Instrument.GAD7, Instrument.PACS,
			Instrument.DAST10);

	@Property
	void theTotalIsTheSumOfTheItemsWithReversedItemsCountedFromTheTop(@ForAll("responses") Responses responses) {
		SummedInstrument instrument = (SummedInstrument) INSTRUMENTS.get(responses.instrument());
		int expected = 0;
		for (ItemSpec item : instrument.items()) {
			int response = responses.items().get(item.id());
			boolean reversed = responses.instrument() == Instrument.DAST10 && item.id().equals("3");
			expected += reversed ? item.max() - response : response;
		}
		assertThat(instrument.score(Submission.of(responses.items())).total()).isEqualTo(expected);
	}

	@Property
	void bandsAreMonotonic(@ForAll("responses") Responses responses) {
		SummedInstrument instrument = (SummedInstrument) INSTRUMENTS.get(responses.instrument());
		List<Band> bands = instrument.bands();
		Score score = instrument.score(Submission.of(responses.items()));
		int band = bandIndex(bands, score.band());
		// Raising any non-reversed item never lowers the band.
		for (ItemSpec item : instrument.items()) {
			boolean reversed = responses.instrument() == Instrument.DAST10 && item.id().equals("3");
			int response = responses.items().get(item.id());
			if (!reversed && response < item.max()) {
				Map<String, Integer> higher = new HashMap<>(responses.items());
				higher.put(item.id(), response + 1);
				assertThat(bandIndex(bands, instrument.score(Submission.of(higher)).band()))
					.isGreaterThanOrEqualTo(band);
			}
		}
	}

	@Property
	void bandsCoverEveryPossibleTotalExactlyOnce(@ForAll("summed") Instrument instrument) {
		SummedInstrument definition = (SummedInstrument) INSTRUMENTS.get(instrument);
		int max = definition.items().stream().mapToInt(ItemSpec::max).sum();
		for (int total = 0; total <= max; total++) {
			int value = total;
			assertThat(definition.bands().stream().filter((band) -> band.contains(value))).hasSize(1);
		}
	}

	@Provide
	Arbitrary<Instrument> summed() {
		return Arbitraries.of(SUMMED);
	}

	@Provide
	Arbitrary<Responses> responses() {
		return Arbitraries.of(SUMMED).flatMap((instrument) -> {
			List<ItemSpec> items = INSTRUMENTS.get(instrument).items();
			List<Arbitrary<Integer>> values = items.stream()
				.map((item) -> (Arbitrary<Integer>) Arbitraries.integers().between(item.min(), item.max()))
				.toList();
			return Combinators.combine(values).as((list) -> {
				Map<String, Integer> map = new HashMap<>();
				for (int i = 0; i < items.size(); i++) {
					map.put(items.get(i).id(), list.get(i));
				}
				return new Responses(instrument, map);
			});
		});
	}

	private static int bandIndex(List<Band> bands, String name) {
		for (int i = 0; i < bands.size(); i++) {
			if (bands.get(i).name().equals(name)) {
				return i;
			}
		}
		throw new AssertionError("unknown band " + name);
	}

	record Responses(Instrument instrument, Map<String, Integer> items) {
	}

}
