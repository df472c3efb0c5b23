package org.stepwise.plan.progress.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;

/**
 * The early warning a patient holds: the level with hysteresis and the estimate behind
 * it. Pure and bounded (no history): the level rises at once when the score reaches a
 * level's raise threshold, and falls only after the score has stayed below the current
 * level's clear threshold on {@code clearDays} clinical days in a row, so it does not
 * flap with day-to-day noise.
 *
 * @param risk what is published: percent, level, model version, drivers
 * @param calmSince the first day of the current run of days below the level's clear
 * threshold, null while there is none
 */
public record EarlyWarning(LapseRisk risk, @Nullable LocalDate calmSince) {

	/** Before any estimate: LOW, nothing known. */
	public static EarlyWarning none(LapseRiskModel model) {
		return new EarlyWarning(new LapseRisk(0, LapseRiskLevel.LOW, model.version(), java.util.List.of()), null);
	}

	public LapseRiskLevel level() {
		return this.risk.level();
	}

	/** The warning after today's estimate. */
	public EarlyWarning next(LapseRiskModel.Estimate estimate, LapseRiskModel model, LocalDate today) {
		LapseRiskModel.Levels levels = model.levels();
		int percent = estimate.percent();
		LapseRiskLevel current = level();
		LapseRiskLevel raised = levels.raised(percent);
		LapseRiskLevel held = levels.held(percent);
		LapseRiskLevel level = current;
		LocalDate calm = null;
		if (raised.compareTo(current) > 0) {
			level = raised;
		}
		else if (held.compareTo(current) < 0) {
			calm = (this.calmSince != null && !this.calmSince.isAfter(today)) ? this.calmSince : today;
			if (ChronoUnit.DAYS.between(calm, today) + 1 >= levels.clearDays()) {
				level = held;
				calm = null;
			}
		}
		return new EarlyWarning(new LapseRisk(percent, level, model.version(), estimate.drivers()), calm);
	}

	/**
	 * Whether this warning is worth publishing on its own, against the one last
	 * published: a change of level; and while ELEVATED or HIGH (an alert is open on it),
	 * a change of the features that drive it, of the model, or of the score by at least 5
	 * points, so the alert's evidence stays current. A LOW score moving about is not
	 * news: it goes out with the next progress event that has news.
	 */
	public boolean differsMateriallyFrom(EarlyWarning published) {
		LapseRisk before = published.risk();
		if (before.level() != this.risk.level()) {
			return true;
		}
		return this.risk.level() != LapseRiskLevel.LOW && (!before.modelVersion().equals(this.risk.modelVersion())
				|| !features(before).equals(features(this.risk))
				|| Math.abs(before.percent() - this.risk.percent()) >= 5);
	}

	private static java.util.List<String> features(LapseRisk risk) {
		return risk.drivers().stream().map(LapseRisk.Driver::feature).toList();
	}

}
