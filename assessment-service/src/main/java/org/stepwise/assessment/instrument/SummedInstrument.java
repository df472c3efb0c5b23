package org.stepwise.assessment.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

/**
 * An instrument whose total is the sum of its items (reversed items count
 * {@code max - response}), banded by the total: PHQ-9, GAD-7, PACS, DAST-10, AUDIT-C.
 * PHQ-9 adds its safety item, AUDIT-C its cut-off by sex.
 */
public class SummedInstrument extends AbstractInstrument {

	private final Set<String> reversed;

	private final Set<SensitivityLabel> labels;

	public SummedInstrument(Instrument instrument, String title, @Nullable String loinc, String stem,
			List<ItemSpec> items, Set<String> reversed, List<Band> bands, Set<SensitivityLabel> labels, String scoring,
			Source source) {
		super(instrument, title, loinc, stem, items, bands, scoring, source);
		this.reversed = Set.copyOf(reversed);
		this.labels = Set.copyOf(labels);
	}

	/**
	 * Items {@code "1"} to {@code "n"} with these texts, all offering the same answers.
	 */
	public static List<ItemSpec> numbered(List<String> texts, List<AnswerOption> options) {
		return IntStream.range(0, texts.size())
			.mapToObj((i) -> ItemSpec.of(Integer.toString(i + 1), texts.get(i), options))
			.toList();
	}

	/** Whether an item counts {@code max - response}. */
	public boolean reversed(String item) {
		return this.reversed.contains(item);
	}

	@Override
	public Score score(Submission submission) {
		Map<String, Integer> responses = submission.items();
		List<ItemProblem> problems = new ArrayList<>(InstrumentDefinition.check(items(), responses, Set.of()));
		problems.addAll(checkContext(submission));
		if (!problems.isEmpty()) {
			throw new InvalidResponsesException(problems);
		}
		int total = total(responses);
		return new Score(total, Map.of(), band(total, submission), List.of(), safety(responses), this.labels);
	}

	/** The sum of the items, reversed items counted from the top of their range. */
	public int total(Map<String, Integer> responses) {
		return items().stream()
			.mapToInt((item) -> this.reversed.contains(item.id()) ? item.max() - responses.get(item.id())
					: responses.get(item.id()))
			.sum();
	}

	protected String band(int total, Submission submission) {
		return bands().stream()
			.filter((band) -> band.contains(total))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Bands of " + instrument() + " do not cover " + total))
			.name();
	}

	protected List<ItemProblem> checkContext(Submission submission) {
		return List.of();
	}

	protected SafetyLevel safety(Map<String, Integer> responses) {
		return SafetyLevel.NONE;
	}

}
