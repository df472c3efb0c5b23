package org.stepwise.assessment.instrument;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "instruments", description = "What each instrument and the daily check-in ask, and how they are scored")
class InstrumentsController {

	static final String ASSESSMENTS = "/api/v1/assessments";

	static final String CHECK_INS = "/api/v1/check-ins";

	private final Instruments instruments;

	InstrumentsController(Instruments instruments) {
		this.instruments = instruments;
	}

	/**
	 * What each instrument asks (its stem, items and answers with their scores), its
	 * bands, how it is scored and where its wording comes from; last, the daily check-in.
	 */
	@Operation(summary = "What each instrument and the daily check-in ask, and how they are scored")
	@GetMapping("/api/v1/instruments")
	List<InstrumentView> instruments() {
		List<InstrumentView> views = new ArrayList<>();
		for (InstrumentDefinition definition : this.instruments.all()) {
			views.add(new InstrumentView(definition.instrument().name(), ASSESSMENTS, definition.title(),
					definition.loinc().orElse(null), definition.stem(), definition.items(), definition.bands(),
					definition.scoring(), definition.source()));
		}
		views.add(new InstrumentView("CHECK_IN", CHECK_INS, DailyCheckIn.TITLE, null, DailyCheckIn.STEM,
				DailyCheckIn.ITEMS, List.of(), DailyCheckIn.SCORING, DailyCheckIn.SOURCE));
		return views;
	}

	/**
	 * @param instrument the {@code instrument} to submit to {@code /api/v1/assessments},
	 * or {@code CHECK_IN}
	 * @param submitTo where answers to it are submitted
	 */
	record InstrumentView(String instrument, String submitTo, String title, @Nullable String loinc, String stem,
			List<ItemSpec> items, List<Band> bands, String scoring, Source source) {
	}

}
