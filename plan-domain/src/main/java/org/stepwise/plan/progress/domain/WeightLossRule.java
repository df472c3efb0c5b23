package org.stepwise.plan.progress.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.progress.SignalFired;

/**
 * S15, rapid weight loss in an eating disorder (docs/clinical-rules.md section 8): a loss
 * of at least 1 kg a week for 2 weeks in a row (HIGH). From the latest weighing (taken
 * within {@code edVitalsRecentDays}), each week steps back to the latest weighing at
 * least 7 clinical days earlier; it must be at most {@link #LONGEST_WEEK_DAYS} days
 * earlier (weekly weighing, a few days late at most; a longer gap says nothing about a
 * week) and at least {@code edWeightLossGramsPerWeek} heavier. Weights are compared
 * exactly, as recorded.
 */
public record WeightLossRule(Thresholds t) {

	/** The longest gap between two weighings read as one week. */
	static final int LONGEST_WEEK_DAYS = 10;

	private static final BigDecimal GRAMS_PER_KG = BigDecimal.valueOf(1000);

	/** The measurements taken up to {@code now}, in any order. */
	public Optional<SignalFired> evaluate(Collection<VitalsMark> measurements, ZoneId zone, Instant now) {
		int weeks = this.t.edWeightLossWeeks();
		if (weeks <= 0 || this.t.edVitalsRecentDays() <= 0) {
			return Optional.empty();
		}
		List<VitalsMark> weighings = measurements.stream()
			.filter((m) -> m.weightKg() != null && !m.occurredAt().isAfter(now))
			.sorted(Comparator.comparing(VitalsMark::occurredAt).thenComparing(VitalsMark::measurementId))
			.toList();
		if (weighings.isEmpty()) {
			return Optional.empty();
		}
		LocalDate today = LocalDate.ofInstant(now, zone);
		VitalsMark latest = weighings.getLast();
		if (day(latest, zone).isBefore(today.minusDays(this.t.edVitalsRecentDays() - 1))) {
			return Optional.empty();
		}
		BigDecimal weeklyLoss = BigDecimal.valueOf(this.t.edWeightLossGramsPerWeek()).divide(GRAMS_PER_KG);
		// newest first: the latest weighing, then one a week before it, and so on
		List<VitalsMark> chain = new ArrayList<>(List.of(latest));
		for (int week = 0; week < weeks; week++) {
			VitalsMark after = chain.getLast();
			LocalDate weekBefore = day(after, zone).minusDays(7);
			VitalsMark before = null;
			for (VitalsMark m : weighings) {
				if (!day(m, zone).isAfter(weekBefore)) {
					before = m;
				}
			}
			if (before == null || ChronoUnit.DAYS.between(day(before, zone), day(after, zone)) > LONGEST_WEEK_DAYS
					|| before.weightKg().subtract(after.weightKg()).compareTo(weeklyLoss) < 0) {
				return Optional.empty();
			}
			chain.add(before);
		}
		List<VitalsMark> oldestFirst = chain.reversed();
		List<String> losses = new ArrayList<>();
		for (int i = 1; i < oldestFirst.size(); i++) {
			losses.add(oldestFirst.get(i - 1).weightKg().subtract(oldestFirst.get(i).weightKg()).toPlainString());
		}
		String weights = oldestFirst.stream()
			.map((m) -> m.weightKg().toPlainString())
			.collect(Collectors.joining(", "));
		VitalsMark first = oldestFirst.getFirst();
		return Optional.of(new SignalFired("S15", "RAPID_WEIGHT_LOSS", Severity.HIGH,
				"weight " + weights + " kg weekly since " + day(first, zone) + ", down " + String.join(" and ", losses)
						+ " kg a week",
				Map.of("weightsKg",
						oldestFirst.stream().map((m) -> m.weightKg().toPlainString()).collect(Collectors.joining(",")),
						"weeklyLossKg", String.join(",", losses), "weeks", Integer.toString(weeks)),
				first.occurredAt().truncatedTo(ChronoUnit.MILLIS)));
	}

	private static LocalDate day(VitalsMark m, ZoneId zone) {
		return LocalDate.ofInstant(m.occurredAt(), zone);
	}

}
