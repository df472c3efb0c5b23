package org.stepwise.simulator.earlywarning;

import org.stepwise.contracts.progress.LapseRiskLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One patient's scored days laid out densely by day (index 0 = the first scored day, the
 * last index = the last scored day = the end of observation), in primitive arrays so that
 * a run of ~500k days evaluates in well under a second.
 */
final class PatientSeries {

	/** LapseRiskLevel ordinal of a day with no score (the runner left it out). */
	static final byte UNSCORED = -1;

	private static final int FAR = 1_000_000;

	final String patientId;

	final Map<String, String> subgroups;

	final String split;

	final int observedDays;

	/** Days from the first scored day; NaN where the day is unscored. */
	final double[] score;

	/** {@link LapseRiskLevel#ordinal()} per day, or {@link #UNSCORED}. */
	final byte[] level;

	final boolean[] use;

	/** {@code usesBefore[i]} = number of use days in [0, i). */
	final int[] usesBefore;

	/** Lapse onsets as day indexes (may lie outside the scored days). */
	final int[] onsets;

	final boolean[] onsetHadPrecursor;

	private PatientSeries(PatientOutcome outcome, List<ScoredDay> days) {
		this.patientId = outcome.patientId();
		this.subgroups = outcome.subgroups();
		this.split = outcome.split();
		this.observedDays = outcome.observedDays();
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		for (ScoredDay day : days) {
			first = Math.min(first, day.day().toEpochDay());
			last = Math.max(last, day.day().toEpochDay());
		}
		int length = days.isEmpty() ? 0 : Math.toIntExact(last - first + 1);
		this.score = new double[length];
		this.level = new byte[length];
		this.use = new boolean[length];
		Arrays.fill(this.score, Double.NaN);
		Arrays.fill(this.level, UNSCORED);
		for (ScoredDay day : days) {
			if (!day.split().equals(this.split) || !day.subgroups().equals(this.subgroups)) {
				throw new IllegalArgumentException("Patient " + this.patientId + " on " + day.day()
						+ " has another split or subgroups than its outcome");
			}
			int i = (int) (day.day().toEpochDay() - first);
			if (this.level[i] != UNSCORED) {
				throw new IllegalArgumentException("Patient " + this.patientId + " has two scores for " + day.day());
			}
			this.score[i] = day.score();
			this.level[i] = (byte) day.level().ordinal();
			this.use[i] = day.useOnDay();
		}
		this.usesBefore = new int[length + 1];
		for (int i = 0; i < length; i++) {
			this.usesBefore[i + 1] = this.usesBefore[i] + (this.use[i] ? 1 : 0);
		}
		List<PatientOutcome.Onset> lapses = outcome.lapseOnsets();
		this.onsets = new int[lapses.size()];
		this.onsetHadPrecursor = new boolean[lapses.size()];
		for (int k = 0; k < lapses.size(); k++) {
			// Far-off onsets only need to stay far off (and not overflow index
			// arithmetic).
			long offset = days.isEmpty() ? -FAR : lapses.get(k).day().toEpochDay() - first;
			this.onsets[k] = Math.clamp(offset, -FAR, FAR);
			this.onsetHadPrecursor[k] = lapses.get(k).hadPrecursor();
		}
	}

	/**
	 * One series per outcome, in the outcomes' order; a patient without scored days still
	 * counts for patient-weeks and lapses.
	 * @throws IllegalArgumentException when a scored day has no outcome, a patient has
	 * two outcomes or two scores for a day, or split and subgroups disagree
	 */
	static List<PatientSeries> of(List<ScoredDay> days, List<PatientOutcome> outcomes) {
		Map<String, PatientOutcome> outcomeById = new LinkedHashMap<>();
		for (PatientOutcome outcome : outcomes) {
			if (outcomeById.put(outcome.patientId(), outcome) != null) {
				throw new IllegalArgumentException("Two outcomes for patient " + outcome.patientId());
			}
		}
		Map<String, List<ScoredDay>> daysById = new HashMap<>();
		for (ScoredDay day : days) {
			if (!outcomeById.containsKey(day.patientId())) {
				throw new IllegalArgumentException("No outcome for patient " + day.patientId());
			}
			daysById.computeIfAbsent(day.patientId(), (id) -> new ArrayList<>()).add(day);
		}
		List<PatientSeries> series = new ArrayList<>(outcomeById.size());
		for (PatientOutcome outcome : outcomeById.values()) {
			series.add(new PatientSeries(outcome, daysById.getOrDefault(outcome.patientId(), List.of())));
		}
		return series;
	}

	int length() {
		return this.score.length;
	}

	boolean scored(int i) {
		return i >= 0 && i < this.level.length && this.level[i] != UNSCORED;
	}

	boolean alerting(int i) {
		return scored(i) && this.level[i] >= LapseRiskLevel.ELEVATED.ordinal();
	}

	/**
	 * Whether any use falls on the days {@code from..to}, both included, clipped to the
	 * series.
	 */
	boolean anyUse(int from, int to) {
		int lo = Math.max(0, from);
		int hi = Math.min(length() - 1, to);
		return hi >= lo && this.usesBefore[hi + 1] - this.usesBefore[lo] > 0;
	}

	/**
	 * The label of day {@code i} for "use within the next {@code horizon} days": +1 use
	 * on a day in (i, i + horizon], 0 none, -1 not labelled: the day is unscored, the
	 * patient used on it (a day of use predicts nothing about a lapse to come), or its
	 * horizon runs past the end of observation.
	 */
	int label(int i, int horizon) {
		if (!scored(i) || this.use[i] || i + horizon >= length()) {
			return -1;
		}
		return anyUse(i + 1, i + horizon) ? 1 : 0;
	}

}
