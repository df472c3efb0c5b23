package org.stepwise.simulator.earlywarning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.plan.progress.domain.LapseFeature;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.simulator.cohort.CohortGenerator;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.GroundTruth;
import org.stepwise.simulator.cohort.PatientHistory;
import org.stepwise.simulator.cohort.PatientProfile;
import org.stepwise.simulator.cohort.ScheduledSession;

/**
 * Simulated cohorts, one per seed, each patient replayed through plan-service's domain
 * ({@link OfflineReplay}), as the inputs of {@link Evaluation}: scored days, outcomes and
 * (for fitting) feature rows. Seeds belong to one split, tuning or held-out, and nothing
 * computed on one split is fed back from the other.
 */
public final class EarlyWarningRun {

	/** The first simulated day of every cohort; fixed, so a seed names one cohort. */
	public static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);

	private EarlyWarningRun() {
	}

	/** One seed's cohort and its split. */
	public record Cohort(long seed, String split) {
	}

	/**
	 * A scored day's features (in {@link LapseFeature} order) and whether it carries a
	 * label (no use that day, horizon observed) and which.
	 */
	public record FeatureRow(String split, double[] features, boolean labelled, boolean useWithin7Days) {
	}

	/**
	 * Everything the evaluation and the fit need.
	 *
	 * @param baseline the same days scored by docs/clinical-rules.md section 3's relapse
	 * risk alone (HIGH 1, MODERATE 0.5, LOW 0; alerting at HIGH): what warned before
	 * issue 17
	 * @param alertLevels the relapse-risk alert level per patient and day (for the parity
	 * check against the running stack)
	 */
	public record Result(List<ScoredDay> days, List<ScoredDay> baseline, List<PatientOutcome> outcomes,
			List<FeatureRow> rows, Map<String, Map<LocalDate, LapseRiskLevel>> alertLevels) {
	}

	/**
	 * @param keepRows whether to keep the feature rows (for {@link LogisticFit})
	 */
	public static Result run(List<Cohort> cohorts, int patients, int weeks, LapseRiskModel model, boolean keepRows) {
		List<ScoredDay> days = Collections.synchronizedList(new ArrayList<>());
		List<ScoredDay> baseline = Collections.synchronizedList(new ArrayList<>());
		List<PatientOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
		List<FeatureRow> rows = Collections.synchronizedList(new ArrayList<>());
		Map<String, Map<LocalDate, LapseRiskLevel>> levels = Collections.synchronizedMap(new LinkedHashMap<>());
		for (Cohort cohort : cohorts) {
			CohortSpec spec = CohortSpec.of(cohort.seed(), patients, weeks, FIRST_DAY);
			CohortGenerator generator = new CohortGenerator(spec);
			List<PatientProfile> profiles = generator.profiles();
			Map<String, ScheduledSession> sessions = new LinkedHashMap<>();
			generator.sessions(profiles).forEach((session) -> sessions.put(session.key(), session));
			profiles.parallelStream().forEach((profile) -> {
				PatientHistory history = generator.history(profile);
				Patient patient = replay(spec, cohort.split(), history, sessions, model, keepRows);
				days.addAll(patient.days());
				baseline.addAll(patient.baseline());
				outcomes.add(patient.outcome());
				rows.addAll(patient.rows());
				levels.put(profile.patientId(), patient.levels());
			});
		}
		return new Result(List.copyOf(days), List.copyOf(baseline), List.copyOf(outcomes), List.copyOf(rows), levels);
	}

	private record Patient(List<ScoredDay> days, List<ScoredDay> baseline, PatientOutcome outcome,
			List<FeatureRow> rows, Map<LocalDate, LapseRiskLevel> levels) {
	}

	private static Patient replay(CohortSpec spec, String split, PatientHistory history,
			Map<String, ScheduledSession> sessions, LapseRiskModel model, boolean keepRows) {
		PatientProfile profile = history.profile();
		GroundTruth truth = history.truth();
		int observed = observedDays(profile, truth);
		Map<String, String> subgroups = subgroups(profile);
		Set<LocalDate> useDays = new HashSet<>(truth.useDays());
		List<OfflineReplay.Day> replayed = OfflineReplay.replay(spec, history, sessions, model, observed);
		List<ScoredDay> days = new ArrayList<>(replayed.size());
		List<ScoredDay> baseline = new ArrayList<>(replayed.size());
		List<FeatureRow> rows = new ArrayList<>();
		Map<LocalDate, LapseRiskLevel> levels = new LinkedHashMap<>();
		LocalDate last = replayed.isEmpty() ? null : replayed.getLast().day();
		for (OfflineReplay.Day day : replayed) {
			boolean used = useDays.contains(day.day());
			days.add(new ScoredDay(profile.patientId(), subgroups, split, day.day(), day.probability(),
					day.alertLevel(), used));
			baseline.add(new ScoredDay(profile.patientId(), subgroups, split, day.day(), switch (day.rulesRisk()) {
				case HIGH -> 1.0;
				case MODERATE -> 0.5;
				case LOW -> 0.0;
			}, (day.rulesRisk() == RiskLevel.HIGH) ? LapseRiskLevel.HIGH : LapseRiskLevel.LOW, used));
			levels.put(day.day(), day.alertLevel());
			if (keepRows) {
				boolean labelled = !used && !day.day().plusDays(7).isAfter(last);
				boolean useAhead = false;
				for (int ahead = 1; ahead <= 7 && labelled; ahead++) {
					useAhead |= useDays.contains(day.day().plusDays(ahead));
				}
				double[] x = new double[LapseFeature.values().length];
				for (LapseFeature feature : LapseFeature.values()) {
					x[feature.ordinal()] = day.features().value(feature);
				}
				rows.add(new FeatureRow(split, x, labelled, useAhead));
			}
		}
		List<PatientOutcome.Onset> onsets = truth.lapseOnsets()
			.stream()
			.filter((onset) -> last != null && !onset.day().isAfter(last))
			.map((onset) -> new PatientOutcome.Onset(onset.day(), onset.hadPrecursor()))
			.toList();
		return new Patient(days, baseline, new PatientOutcome(profile.patientId(), subgroups, split, onsets, observed),
				rows, levels);
	}

	/**
	 * Days the patient is in the program: to the end of the simulation, or for a dropout
	 * until their discharge (the generator keeps them on the rosters for 14 days).
	 */
	static int observedDays(PatientProfile profile, GroundTruth truth) {
		int observed = truth.observedDays();
		if (profile.dropsOut()) {
			observed = Math.min(observed, profile.dropoutDay() + CohortGenerator.DISCHARGE_AFTER_DROPOUT_DAYS + 1);
		}
		return observed;
	}

	static Map<String, String> subgroups(PatientProfile profile) {
		Map<String, String> subgroups = new LinkedHashMap<>();
		subgroups.put("age", profile.ageGroup().name());
		subgroups.put("program", profile.programType().name());
		subgroups.put("sex", profile.sex().name());
		return subgroups;
	}

}
