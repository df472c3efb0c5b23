package org.stepwise.assessment.fhir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.fhir.ProgramExtension;

/**
 * The questionnaires {@code POST /fhir/r4/QuestionnaireResponse} accepts and how their
 * items map onto Stepwise's: the LOINC panels of PHQ-9, GAD-7, AUDIT-C and DAST-10 (codes
 * from LOINC, loinc.org, as in docs/clinical-rules.md section 2) and the daily check-in,
 * a Stepwise questionnaire. Items are found by linkId: the Stepwise item id ("1" to "9",
 * "mood"), or, for PHQ-9, GAD-7 and AUDIT-C, the item's LOINC code (with or without the
 * leading "/" LHC-Forms writes).
 */
public final class FhirQuestionnaires {

	public static final String BASE = "https://stepwise.example/fhir";

	public static final String LOINC = "http://loinc.org";

	/** The extension that names the patient's program on a QuestionnaireResponse. */
	public static final String PROGRAM_EXTENSION = ProgramExtension.URL;

	public static final String CHECK_IN = BASE + "/Questionnaire/daily-check-in";

	/** LOINC answers of PHQ-9 and GAD-7 items (answer list LL358-3), by score. */
	static final Map<String, Integer> HOW_OFTEN_ANSWERS = Map.of("LA6568-5", 0, "LA6569-3", 1, "LA6570-1", 2,
			"LA6571-9", 3);

	/**
	 * One accepted questionnaire.
	 *
	 * @param instrument null for the check-in
	 * @param panel the LOINC panel code, null for the check-in
	 * @param total the LOINC code of the total score: an item with it is ignored
	 * (Stepwise scores itself)
	 * @param items Stepwise item id by every linkId accepted for it
	 */
	public record Form(@Nullable Instrument instrument, @Nullable String panel, @Nullable String total, String url,
			Map<String, String> items) {

		public Optional<String> itemId(String linkId) {
			return Optional.ofNullable(this.items.get(linkId.startsWith("/") ? linkId.substring(1) : linkId));
		}

		public boolean isTotal(String linkId) {
			return this.total != null && (linkId.equals(this.total) || linkId.equals("/" + this.total));
		}

		/** Every linkId accepted for an item, for messages naming a missing one. */
		public List<String> linkIds(String itemId) {
			return this.items.entrySet()
				.stream()
				.filter((e) -> e.getValue().equals(itemId))
				.map(Map.Entry::getKey)
				.toList();
		}

	}

	public static final Form PHQ9 = instrument(Instrument.PHQ9, "44249-1", "44261-6", "phq-9",
			List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"));

	public static final Form GAD7 = instrument(Instrument.GAD7, "69737-5", "70274-6", "gad-7",
			List.of("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"));

	public static final Form AUDITC = instrument(Instrument.AUDITC, "72109-2", "75626-2", "audit-c",
			List.of("68518-0", "68519-8", "68520-6"));

	/**
	 * DAST-10's items by number only: Stepwise does not use item-level LOINC codes for
	 * it.
	 */
	public static final Form DAST10 = instrument(Instrument.DAST10, "82666-9", "82667-7", "dast-10",
			Collections.nCopies(10, null));

	/** The check-in's items, linkIds as the JSON API's field names. */
	public static final Set<String> CHECK_IN_ITEMS = Set.of("mood", "craving", "usedSinceLastCheckIn", "substances",
			"sleepHours", "stress", "medicationTakenAsPrescribed", "confidence", "highRiskSituation",
			"highRiskCategory");

	public static final Form DAILY_CHECK_IN = new Form(null, null, null, CHECK_IN,
			CHECK_IN_ITEMS.stream().collect(Collectors.toMap((id) -> id, (id) -> id)));

	public static final List<Form> ALL = List.of(PHQ9, GAD7, AUDITC, DAST10, DAILY_CHECK_IN);

	private FhirQuestionnaires() {
	}

	/**
	 * The questionnaire a response names in {@code questionnaire}: its Stepwise canonical
	 * ({@code https://stepwise.example/fhir/Questionnaire/phq-9}) or LOINC's
	 * ({@code http://loinc.org/q/44249-1}), a {@code |version} ignored.
	 */
	public static Optional<Form> byCanonical(@Nullable String canonical) {
		if (canonical == null || canonical.isBlank()) {
			return Optional.empty();
		}
		int bar = canonical.indexOf('|');
		String url = (bar >= 0) ? canonical.substring(0, bar) : canonical;
		return ALL.stream()
			.filter((form) -> form.url().equals(url)
					|| (form.panel() != null && url.equals(LOINC + "/q/" + form.panel())))
			.findFirst();
	}

	public static Optional<Form> byInstrument(Instrument instrument) {
		return ALL.stream().filter((form) -> form.instrument() == instrument).findFirst();
	}

	/**
	 * @param itemCodes each item's LOINC code in order, null where Stepwise has none
	 */
	private static Form instrument(Instrument instrument, String panel, String total, String name,
			List<@Nullable String> itemCodes) {
		Map<String, String> items = new LinkedHashMap<>();
		for (int i = 0; i < itemCodes.size(); i++) {
			String id = Integer.toString(i + 1);
			items.put(id, id);
			if (itemCodes.get(i) != null) {
				items.put(itemCodes.get(i), id);
			}
		}
		return new Form(instrument, panel, total, BASE + "/Questionnaire/" + name, Map.copyOf(items));
	}

}
