package org.stepwise.simulator.cohort;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The daily lapse process of one patient: when they use, and the latent risk their
 * check-ins show beforehand. Pure; every draw comes from the random stream it is given
 * (the patient's own), so a patient's course does not depend on anyone else.
 *
 * <p>
 * Each abstinent day a patient may start a precursor episode (1-14 days of rising latent
 * risk, which ends in a lapse or, for a decoy, in nothing) or lapse suddenly, without a
 * precursor. A lapse may continue into a relapse (days of repeated use). The daily hazard
 * follows {@link LapseParameters#weeklyLapseProbability()} times the patient's hazard
 * ratio (archetype, program type, age group, and a lognormal frailty of their own). The
 * LAPSE_THEN_RECOVERY and RELAPSE archetypes keep their scheduled event: a precursor of 5
 * (10) days before the lapse (relapse) day, the relapse running to the end of the
 * program; no other episode starts near it.
 *
 * <p>
 * Latent risk noise (an AR(1) series) moves the signals together on days without any
 * episode, so a single bad day is no proof of a coming lapse.
 */
public final class LapseProcess {

	static final int LAPSE_THEN_RECOVERY_PRECURSOR_DAYS = 5;

	static final int RELAPSE_PRECURSOR_DAYS = 10;

	/** Days after a scheduled lapse before a new episode may start. */
	private static final int QUIET_AFTER_SCHEDULED_LAPSE = 7;

	/**
	 * Ramp of a precursor: from this share of its magnitude on its first day to all of
	 * it.
	 */
	private static final double RAMP_FLOOR = 0.35;

	private final LapseParameters parameters;

	public LapseProcess(LapseParameters parameters) {
		this.parameters = parameters;
	}

	/** The patient's hazard ratio before their own frailty. */
	double hazardRatio(PatientProfile p) {
		LapseParameters lp = this.parameters;
		double ratio = lp.archetypeHazardRatios().get(p.archetype());
		ratio *= switch (p.programType()) {
			case ADDICTION -> 1.0;
			case DUAL_DIAGNOSIS -> lp.dualDiagnosisHazardRatio();
			case MENTAL_HEALTH -> lp.mentalHealthHazardRatio();
		};
		return (p.ageGroup() == PatientProfile.AgeGroup.ADOLESCENT) ? ratio * lp.adolescentHazardRatio() : ratio;
	}

	/**
	 * The course over the patient's first {@code days} days (relative to enrolment).
	 */
	public Course run(PatientProfile p, int days, SplittableRandom random) {
		LapseParameters lp = this.parameters;
		double frailty = Math
			.exp(lp.patientRiskSd() * random.nextGaussian() - lp.patientRiskSd() * lp.patientRiskSd() / 2);
		double confidenceOffset = Math.clamp(random.nextGaussian() * 0.8, -2.0, 2.0);
		double daily = Math.min(0.5,
				(1 - Math.pow(1 - lp.weeklyLapseProbability(), 1 / 7.0)) * hazardRatio(p) * frailty);
		double suddenPerDay = daily * lp.suddenLapseShare();
		double episodePerDay = daily * (1 - lp.suddenLapseShare()) / lp.precursorEndsInLapse();

		Scheduled scheduled = scheduled(p, days);
		boolean[] use = new boolean[days];
		boolean[] inRelapse = new boolean[days];
		double[] noise = new double[days];
		List<Precursor> precursors = new ArrayList<>();
		List<Onset> onsets = new ArrayList<>();
		List<Span> decoys = new ArrayList<>();

		double x = lp.noiseSd() * random.nextGaussian();
		double innovation = lp.noiseSd() * Math.sqrt(1 - lp.noisePersistence() * lp.noisePersistence());
		Precursor open = null;
		int runStart = -1;
		int runEnd = -1;
		for (int r = 0; r < days; r++) {
			noise[r] = x;
			x = lp.noisePersistence() * x + innovation * random.nextGaussian();
			double draw = random.nextDouble();
			if (scheduled != null && r == scheduled.precursorStart()) {
				// The archetype's own event takes over: any ongoing relapse stops.
				runEnd = Math.min(runEnd, r - 1);
				open = new Precursor(r, scheduled.day(), 1.0, true);
				precursors.add(open);
			}
			if (r <= runEnd) {
				boolean scheduledRun = scheduled != null && scheduled.relapse() && runStart == scheduled.day();
				double chance = scheduledRun ? ((r - runStart <= 21) ? 0.5 : 0.25) : lp.relapseUseProbability();
				use[r] = draw < chance;
				inRelapse[r] = true;
				continue;
			}
			if (open != null) {
				if (r < open.end()) {
					continue;
				}
				boolean isScheduled = scheduled != null && r == scheduled.day();
				if (open.endsInLapse()) {
					boolean relapse = isScheduled ? scheduled.relapse() : random.nextDouble() < lp.relapseProbability();
					onsets.add(new Onset(r, open.start(), relapse));
					use[r] = true;
					if (relapse) {
						runStart = r;
						runEnd = isScheduled ? days - 1
								: r + between(random, lp.minRelapseDays(), lp.maxRelapseDays()) - 1;
						inRelapse[r] = true;
					}
				}
				else {
					decoys.add(new Span(open.start(), r - 1));
				}
				open = null;
				continue;
			}
			if (blocked(scheduled, r)) {
				continue;
			}
			if (draw < suddenPerDay) {
				boolean relapse = random.nextDouble() < lp.relapseProbability();
				onsets.add(new Onset(r, -1, relapse));
				use[r] = true;
				if (relapse) {
					runStart = r;
					runEnd = r + between(random, lp.minRelapseDays(), lp.maxRelapseDays()) - 1;
					inRelapse[r] = true;
				}
			}
			else if (draw < suddenPerDay + episodePerDay) {
				int length = between(random, lp.minPrecursorDays(), lp.maxPrecursorDays());
				boolean lapse = random.nextDouble() < lp.precursorEndsInLapse();
				double magnitude = lp.minPrecursorMagnitude() + (1 - lp.minPrecursorMagnitude()) * random.nextDouble();
				open = new Precursor(r, r + length, magnitude, lapse);
				precursors.add(open);
			}
		}
		return new Course(days, intensity(precursors, days), noise, use, inRelapse, afterUse(use), onsets, decoys,
				confidenceOffset);
	}

	private record Scheduled(int day, int precursorStart, boolean relapse) {

	}

	private static Scheduled scheduled(PatientProfile p, int days) {
		if (p.archetype() == Archetype.LAPSE_THEN_RECOVERY && p.lapseDay() >= 0 && p.lapseDay() < days) {
			return new Scheduled(p.lapseDay(), Math.max(0, p.lapseDay() - LAPSE_THEN_RECOVERY_PRECURSOR_DAYS), false);
		}
		if (p.archetype() == Archetype.RELAPSE && p.relapseDay() >= 0 && p.relapseDay() < days) {
			return new Scheduled(p.relapseDay(), Math.max(0, p.relapseDay() - RELAPSE_PRECURSOR_DAYS), true);
		}
		return null;
	}

	/**
	 * No episode starts where it could run into the scheduled one, nor during it or
	 * shortly after a scheduled lapse (a relapse runs to the end).
	 */
	private boolean blocked(Scheduled scheduled, int r) {
		if (scheduled == null) {
			return false;
		}
		int from = scheduled.precursorStart() - this.parameters.maxPrecursorDays() - 1;
		int to = scheduled.relapse() ? Integer.MAX_VALUE : scheduled.day() + QUIET_AFTER_SCHEDULED_LAPSE;
		return r >= from && r <= to;
	}

	/**
	 * Rises over the precursor to its magnitude the day before its end, then fades.
	 */
	private double[] intensity(List<Precursor> precursors, int days) {
		double[] intensity = new double[days];
		int fade = this.parameters.precursorFadeDays();
		for (Precursor e : precursors) {
			int length = e.end() - e.start();
			for (int j = 0; j < length && e.start() + j < days; j++) {
				double ramp = RAMP_FLOOR + (1 - RAMP_FLOOR) * (j + 1) / length;
				intensity[e.start() + j] = Math.max(intensity[e.start() + j], e.magnitude() * ramp);
			}
			for (int k = 0; k < fade && e.end() + k < days; k++) {
				double left = e.magnitude() * (fade - k) / (fade + 1.0);
				intensity[e.end() + k] = Math.max(intensity[e.end() + k], left);
			}
		}
		return intensity;
	}

	private double[] afterUse(boolean[] use) {
		double[] after = new double[use.length];
		double decay = Math.exp(-1 / this.parameters.postUseFadeDays());
		for (int r = 0; r < use.length; r++) {
			after[r] = use[r] ? 1.0 : (r > 0) ? after[r - 1] * decay : 0.0;
		}
		return after;
	}

	private static int between(SplittableRandom random, int low, int high) {
		return low + random.nextInt(high - low + 1);
	}

	/**
	 * A precursor from {@code start} to the day before {@code end} (its lapse or decoy
	 * day).
	 */
	private record Precursor(int start, int end, double magnitude, boolean endsInLapse) {

	}

	/**
	 * The first use day of an episode of use.
	 *
	 * @param precursorStart first day of its precursor, -1 for a sudden lapse
	 */
	public record Onset(int day, int precursorStart, boolean continuedIntoRelapse) {

		public boolean hadPrecursor() {
			return this.precursorStart >= 0;
		}

	}

	/** Relative days {@code first} to {@code last}, both included. */
	public record Span(int first, int last) {

	}

	/** One patient's course, by day relative to enrolment. */
	public static final class Course {

		private final int days;

		private final double[] intensity;

		private final double[] noise;

		private final boolean[] use;

		private final boolean[] inRelapse;

		private final double[] afterUse;

		private final List<Onset> onsets;

		private final List<Span> decoys;

		private final double confidenceOffset;

		Course(int days, double[] intensity, double[] noise, boolean[] use, boolean[] inRelapse, double[] afterUse,
				List<Onset> onsets, List<Span> decoys, double confidenceOffset) {
			this.days = days;
			this.intensity = intensity;
			this.noise = noise;
			this.use = use;
			this.inRelapse = inRelapse;
			this.afterUse = afterUse;
			this.onsets = List.copyOf(onsets);
			this.decoys = List.copyOf(decoys);
			this.confidenceOffset = confidenceOffset;
		}

		public int days() {
			return this.days;
		}

		public boolean uses(int r) {
			return r >= 0 && r < this.days && this.use[r];
		}

		public boolean inRelapse(int r) {
			return r >= 0 && r < this.days && this.inRelapse[r];
		}

		/** Precursor intensity, 0 (none) to 1 (full), without noise. */
		public double precursor(int r) {
			return (r >= 0 && r < this.days) ? this.intensity[r] : 0.0;
		}

		/**
		 * What the check-in signals follow: the precursor intensity plus latent noise.
		 */
		public double risk(int r) {
			return (r >= 0 && r < this.days) ? this.intensity[r] + this.noise[r] : 0.0;
		}

		/** 1 on a day of use, fading after it. */
		public double afterUse(int r) {
			return (r >= 0 && r < this.days) ? this.afterUse[r] : 0.0;
		}

		public List<Integer> useDays() {
			List<Integer> days = new ArrayList<>();
			for (int r = 0; r < this.days; r++) {
				if (this.use[r]) {
					days.add(r);
				}
			}
			return days;
		}

		public List<Onset> onsets() {
			return this.onsets;
		}

		public List<Span> decoys() {
			return this.decoys;
		}

		/** The patient's own offset to their confidence, in points. */
		public double confidenceOffset() {
			return this.confidenceOffset;
		}

	}

}
