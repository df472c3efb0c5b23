package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;

/**
 * What the rules need of one scored instrument: the total, PHQ-9 item 9, the BAM
 * subscales ({@code use}, {@code risk}, {@code protective}), the band, whether a drug
 * screen counts as use, and the safety level found at the source.
 */
public record ScoreMark(String assessmentId, Instrument instrument, Instant occurredAt, @Nullable Integer total,
		@Nullable Integer item9, Map<String, Integer> subscales, String band, boolean countsAsUse, SafetyLevel safety) {

	private static final Comparator<ScoreMark> ORDER = Comparator.comparing(ScoreMark::occurredAt)
		.thenComparing(ScoreMark::total, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(ScoreMark::safety)
		.thenComparing((mark) -> Objects.toString(mark.band()))
		.thenComparing(ScoreMark::item9, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(ScoreMark::countsAsUse)
		.thenComparing((mark) -> new java.util.TreeMap<>(mark.subscales()).toString())
		.thenComparing(ScoreMark::instrument);

	public ScoreMark {
		subscales = Map.copyOf(subscales == null ? Map.of() : subscales);
		band = (band == null) ? "" : band;
	}

	/**
	 * Scores are immutable at the source; this only keeps a conflict (the same id with
	 * other content) deterministic, comparing every field.
	 */
	public static ScoreMark merge(ScoreMark a, ScoreMark b) {
		return (ORDER.compare(b, a) > 0) ? b : a;
	}

	@Nullable public Integer subscale(String name) {
		return this.subscales.get(name);
	}

}
