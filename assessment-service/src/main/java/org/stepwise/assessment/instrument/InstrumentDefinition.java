package org.stepwise.assessment.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.stepwise.contracts.assessment.Instrument;

/**
 * A standardized instrument: its items, how it is scored and banded
 * (docs/clinical-rules.md section 2, from the instruments' published scoring rules).
 * Pure: no I/O.
 */
public interface InstrumentDefinition {

	Instrument instrument();

	String title();

	/**
	 * LOINC code of the total score, where docs/clinical-rules.md section 2 gives one.
	 */
	Optional<String> loinc();

	List<ItemSpec> items();

	List<Band> bands();

	/**
	 * @throws InvalidResponsesException naming every missing, unknown or out-of-range
	 * item
	 */
	Score score(Submission submission);

	/** How the instrument is scored, for clients (GET /api/v1/instruments). */
	String scoring();

	/**
	 * What the respondent reads before the items: the time frame and how to answer ("Over
	 * the last 2 weeks, how often ...").
	 */
	String stem();

	/** The publication, the owner's terms, and whether the wording is verbatim. */
	Source source();

	/** Every item present and in range, and no unknown item; the problems otherwise. */
	static List<ItemProblem> check(List<ItemSpec> items, Map<String, Integer> responses, Set<String> optional) {
		List<ItemProblem> problems = new ArrayList<>();
		for (ItemSpec item : items) {
			Integer response = responses.get(item.id());
			if (response == null) {
				if (!optional.contains(item.id())) {
					problems.add(new ItemProblem(item.id(), "missing"));
				}
			}
			else if (!item.accepts(response)) {
				problems.add(new ItemProblem(item.id(), "must be between " + item.min() + " and " + item.max()));
			}
		}
		List<String> known = items.stream().map(ItemSpec::id).toList();
		responses.keySet()
			.stream()
			.filter((id) -> !known.contains(id))
			.sorted()
			.forEach((id) -> problems.add(new ItemProblem(id, "not an item of this instrument")));
		return problems;
	}

	static int sum(Map<String, Integer> responses, List<String> ids) {
		return ids.stream().mapToInt(responses::get).sum();
	}

}
