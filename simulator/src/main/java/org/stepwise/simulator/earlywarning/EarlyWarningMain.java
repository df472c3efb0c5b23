package org.stepwise.simulator.earlywarning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.stepwise.plan.progress.domain.LapseFeature;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.simulator.CommandLine;

/**
 * {@code bench/early-warning.sh}: the offline evaluation of the early warning on
 * simulated cohorts, tuning seeds apart from held-out seeds, with plan-service's own
 * domain code run in process. Prints the figures (and the rules-only baseline of the same
 * run beside them) and writes the HTML report. {@code --fit} fits the weights on the
 * tuning seeds only and prints them as model-file lines; it never reads a held-out label.
 */
public final class EarlyWarningMain {

	static final String USAGE = """
			bench/early-warning.sh [--patients 1000] [--weeks 12] [--tuning-seeds 101,102]
			                       [--held-out-seeds 201,202,203] [--model FILE] [--html FILE] [--fit]
			  --patients        patients per seed (every seed is one cohort)
			  --model           a lapse-risk model file (default: the shipped lapse-risk-model.properties)
			  --html            where to write the report (default target/early-warning/report.html)
			  --fit             fit the weights on the tuning seeds (each at least its prior.<feature> in the model
			                    file) and print them; the figures are then the fitted model's (levels from the
			                    model file), not the shipped one's
			""";

	private EarlyWarningMain() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = options(args);
		if (options.containsKey("help")) {
			System.out.print(USAGE);
			return;
		}
		int patients = Integer.parseInt(options.getOrDefault("patients", "1000"));
		int weeks = Integer.parseInt(options.getOrDefault("weeks", "12"));
		List<Long> tuning = seeds(options.getOrDefault("tuning-seeds", "101,102"));
		List<Long> heldOut = seeds(options.getOrDefault("held-out-seeds", "201,202,203"));
		if (tuning.stream().anyMatch(heldOut::contains)) {
			throw new IllegalArgumentException("a seed cannot be both tuning and held-out");
		}
		LapseRiskModel model = options.containsKey("model") ? model(Path.of(options.get("model")))
				: LapseRiskModel.DEFAULT;
		Path html = Path.of(options.getOrDefault("html", "target/early-warning/report.html"));

		long started = System.nanoTime();
		if (options.containsKey("fit")) {
			EarlyWarningRun.Result tuningRun = EarlyWarningRun.run(cohorts(tuning, Evaluation.TUNING), patients, weeks,
					model, true);
			LogisticFit.Coefficients fitted = LogisticFit.fit(tuningRun.rows(), 30, floors(model));
			System.out.printf("# fitted on tuning seeds %s (%d labelled days) in %.1f s%n", tuning,
					tuningRun.rows().stream().filter(EarlyWarningRun.FeatureRow::labelled).count(), seconds(started));
			System.out.print(fitted.properties());
			model = new LapseRiskModel(model.version() + "+fit", fitted.intercept(), weights(fitted), model.priors(),
					model.levels());
		}
		List<EarlyWarningRun.Cohort> cohorts = new ArrayList<>(cohorts(tuning, Evaluation.TUNING));
		cohorts.addAll(cohorts(heldOut, Evaluation.HELD_OUT));
		long replayStarted = System.nanoTime();
		EarlyWarningRun.Result run = EarlyWarningRun.run(cohorts, patients, weeks, model, false);
		double replaySeconds = seconds(replayStarted);
		long evaluationStarted = System.nanoTime();
		Evaluation.Report report = Evaluation.evaluate(run.days(), run.outcomes(), Settings.DEFAULTS);
		Evaluation.Report baseline = Evaluation.evaluate(run.baseline(), run.outcomes(), Settings.DEFAULTS);
		Map<String, List<Long>> seeds = new LinkedHashMap<>();
		seeds.put(Evaluation.TUNING, tuning);
		seeds.put(Evaluation.HELD_OUT, heldOut);
		RunDescription description = new RunDescription("Early warning of lapse: offline evaluation",
				String.format(Locale.ROOT,
						"%,d patients x %d weeks per seed (CohortGenerator with LapseProcess; its parameters, "
								+ "LapseParameters, were fixed before the model was tuned), replayed through "
								+ "plan-domain's Evaluator day by day",
						patients, weeks),
				model.version() + " (logistic, " + LapseFeature.values().length + " features)", operatingPoint(model),
				seeds);
		System.out.print(SummaryPrinter.summary(report, description, Targets.ISSUE_17));
		printBaseline(baseline);
		HtmlReport.write(report, description, Targets.ISSUE_17, html);
		int days = run.days().size();
		System.out.printf(Locale.ROOT,
				"%nTimings: %,d patients, %,d patient-days replayed through plan-domain in %.1f s "
						+ "(%.0f patient-days/s on %d cores); figures and report in %.1f s; total %.1f s%n",
				run.outcomes().size(), days, replaySeconds, days / replaySeconds,
				Runtime.getRuntime().availableProcessors(), seconds(evaluationStarted), seconds(started));
		System.out.println("Report: " + html.toAbsolutePath());
	}

	/** The rules-only baseline beside the model's figures, measured in the same run. */
	private static void printBaseline(Evaluation.Report baseline) {
		System.out.println(
				"\n== Baseline: docs/clinical-rules.md section 3's relapse risk alone (before the early warning) ==");
		for (Evaluation.SplitReport split : baseline.splits()) {
			Figures all = split.overall();
			Figures.LeadTime lead = all.leadTimes().withPrecursor();
			System.out.printf(Locale.ROOT,
					"  %s: auROC use within 7 days %s; lapses with precursors flagged >= 3 days before %s "
							+ "(%d of %d); alerts %s per 10 patient-weeks, false %s%n",
					split.split(), Format.decimal(all.discrimination(7).auRoc(), 3),
					Format.percent(lead.shareFlaggedAtLeast(3)), lead.flaggedAtLeast(3), lead.onsets(),
					Format.decimal(all.operatingPoint().alertEpisodesPer10PatientWeeks(), 2),
					Format.decimal(all.operatingPoint().falseAlertsPer10PatientWeeks(), 2));
		}
	}

	static String operatingPoint(LapseRiskModel model) {
		LapseRiskModel.Levels levels = model.levels();
		return String.format(Locale.ROOT,
				"ELEVATED (MEDIUM alert) from %d%%, HIGH from %d%%; a level clears after %d days in a row under "
						+ "%d%% (ELEVATED) or %d%% (HIGH); use with a co-signal is HIGH as in docs/clinical-rules.md section 3",
				levels.elevatedRaise(), levels.highRaise(), levels.clearDays(), levels.elevatedClear(),
				levels.highClear());
	}

	private static double[] floors(LapseRiskModel model) {
		double[] floors = new double[LapseFeature.values().length];
		model.priors().forEach((feature, prior) -> floors[feature.ordinal()] = prior);
		return floors;
	}

	private static Map<LapseFeature, Double> weights(LogisticFit.Coefficients fitted) {
		Map<LapseFeature, Double> weights = new java.util.EnumMap<>(LapseFeature.class);
		for (LapseFeature feature : LapseFeature.values()) {
			weights.put(feature, fitted.weights()[feature.ordinal()]);
		}
		return weights;
	}

	private static LapseRiskModel model(Path file) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		return LapseRiskModel.of(properties);
	}

	private static List<EarlyWarningRun.Cohort> cohorts(List<Long> seeds, String split) {
		return seeds.stream().map((seed) -> new EarlyWarningRun.Cohort(seed, split)).toList();
	}

	private static List<Long> seeds(String list) {
		return Arrays.stream(list.split(",")).map(String::trim).map(Long::parseLong).toList();
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	static Map<String, String> options(String[] args) {
		return CommandLine.options(args, Set.of("fit"), USAGE);
	}

}
