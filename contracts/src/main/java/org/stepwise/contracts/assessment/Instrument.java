package org.stepwise.contracts.assessment;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Standardized instruments (docs/clinical-rules.md section 2) with the shape of their
 * responses: the item ids, the highest coded response of an item, and the highest total.
 * The JSON Schema of {@link AssessmentScored} is generated from these, so a consumer
 * refuses a PHQ-9 item 9 of 42 or a total of -999 before acting on it.
 */
public enum Instrument {

	PHQ9(numbered(9), 3, 27), GAD7(numbered(7), 3, 21), AUDITC(numbered(3), 4, 12), DAST10(numbered(10), 1, 10),
	BAM(Stream
		.concat(IntStream.rangeClosed(1, 17).mapToObj(Integer::toString).filter((id) -> !id.equals("7")),
				Stream.of("7A", "7B", "7C", "7D", "7E", "7F", "7G"))
		.toList(), 4, null),
	PACS(numbered(5), 6, 30), CSSRS(List.of("1", "2", "3", "4", "5", "6", "6-recent"), 1, null),
	UDS(List.of(), 0, null), EDEQS(numbered(12), 3, 36);

	private final List<String> itemIds;

	private final int maxItem;

	private final @Nullable Integer maxTotal;

	Instrument(List<String> itemIds, int maxItem, @Nullable Integer maxTotal) {
		this.itemIds = itemIds;
		this.maxItem = maxItem;
		this.maxTotal = maxTotal;
	}

	/** The ids of its items (none for a drug screen, whose results are analytes). */
	public List<String> itemIds() {
		return this.itemIds;
	}

	/** The highest coded response of an item; the lowest is 0. */
	public int maxItem() {
		return this.maxItem;
	}

	/** The highest total, or {@code null} for an instrument without a total. */
	public @Nullable Integer maxTotal() {
		return this.maxTotal;
	}

	private static List<String> numbered(int count) {
		return IntStream.rangeClosed(1, count).mapToObj(Integer::toString).toList();
	}

}
