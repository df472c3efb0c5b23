package org.stepwise.assessment.instrument;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.contracts.assessment.Instrument;

@RestController
class InstrumentsController {

	private final Instruments instruments;

	InstrumentsController(Instruments instruments) {
		this.instruments = instruments;
	}

	/**
	 * What each instrument asks, the range of each item, its bands and how it is scored.
	 */
	@GetMapping("/api/v1/instruments")
	List<InstrumentView> instruments() {
		return this.instruments.all()
			.stream()
			.map((definition) -> new InstrumentView(definition.instrument(), definition.title(),
					definition.loinc().orElse(null), definition.items(), definition.bands(), definition.scoring()))
			.toList();
	}

	record InstrumentView(Instrument instrument, String title, @Nullable String loinc, List<ItemSpec> items,
			List<Band> bands, String scoring) {
	}

}
