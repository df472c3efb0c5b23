package org.stepwise.simulator.earlywarning;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plain-text summary that {@code bench/early-warning.sh} prints: the targets on the
 * held-out split first, then each split's figures.
 */
public final class SummaryPrinter {

	private SummaryPrinter() {
	}

	public static String summary(Evaluation.Report report, RunDescription run, Targets targets) {
		StringBuilder out = new StringBuilder();
		out.append(run.title()).append('\n');
		out.append("Cohort: ").append(run.cohort()).append('\n');
		out.append("Model: ").append(run.model()).append('\n');
		out.append("Operating point: ").append(run.operatingPoint()).append('\n');
		run.seedsBySplit()
			.forEach((split, seeds) -> out.append("Seeds, ")
				.append(split)
				.append(": ")
				.append(seeds.stream().map(String::valueOf).collect(Collectors.joining(", ")))
				.append('\n'));
		out.append("Caveat: ").append(RunDescription.CAVEAT).append("\n\n");
		for (Evaluation.SplitReport split : report.splits()) {
			splitSummary(out, split, report.settings(), targets);
		}
		return out.toString();
	}

	private static void splitSummary(StringBuilder out, Evaluation.SplitReport split, Settings settings,
			Targets targets) {
		Figures all = split.overall();
		int horizon = settings.primaryHorizon();
		out.append(Format.of("== Split %s: %s patients, %s scored days, %.1f patient-weeks ==%n", split.split(),
				Format.count(all.patients()), Format.count(all.scoredDays()), all.patientWeeks()));
		out.append(Evaluation.HELD_OUT.equals(split.split()) ? "Done when (these figures count):\n"
				: "Done when (not the split that counts):\n");
		for (Targets.Check check : targets.check(split)) {
			out.append(Format.of("  [%s] %s %s: %s%n", check.met() ? "met" : "NOT MET", check.measure(), check.target(),
					check.shown()));
		}
		out.append("auROC (exact, ties count half; \u00b1 95% interval, each patient's days one cluster):\n");
		for (Figures.Discrimination d : all.discrimination()) {
			out.append(Format.of("  use within %s: %s  (%s labelled days, %s followed by use)%n", days(d.horizonDays()),
					Format.withMargin(d.auRoc(), d.margin95()), Format.count(d.labelledDays()),
					Format.count(d.positives())));
		}
		Figures.OperatingPoint point = all.operatingPoint();
		out.append(Format.of("Default operating point (levels after hysteresis), use within %d days:%n", horizon));
		out.append("  ELEVATED or HIGH: ").append(confusion(point.elevatedOrHigh())).append('\n');
		out.append("  HIGH only:        ").append(confusion(point.high())).append('\n');
		out.append(Format.of(
				"  alert episodes: %s (%s per 10 patient-weeks); false: %s + %s cut short (%s per 10 "
						+ "patient-weeks, no use from the start to %d days after)%n",
				Format.count(point.alertEpisodes()), Format.decimal(point.alertEpisodesPer10PatientWeeks(), 2),
				Format.count(point.falseAlerts()), Format.count(point.falseAlertsCutShort()),
				Format.decimal(point.falseAlertsPer10PatientWeeks(), 2), settings.falseAlertWindowDays()));
		out.append(Format.of("Lead time (alert stretch within %d days before onset), onsets flagged >= 1 / 3 / 7 "
				+ "days before:%n", settings.leadWindowDays()));
		leadLine(out, "all", all.leadTimes().all());
		leadLine(out, "with precursor", all.leadTimes().withPrecursor());
		leadLine(out, "without precursor", all.leadTimes().withoutPrecursor());
		out.append(Format.of("Threshold table (score >= threshold), use within %d days:%n", horizon));
		out.append("  threshold  sensitivity  specificity    PPV  alerts/10 pw\n");
		for (Figures.ThresholdRow row : all.thresholds()) {
			out.append(Format.of("  %9s  %11s  %11s  %5s  %12s%n", Format.decimal(row.threshold(), 2),
					Format.percent(row.confusion().sensitivity()), Format.percent(row.confusion().specificity()),
					Format.percent(row.confusion().positivePredictiveValue()),
					Format.decimal(row.alertsPer10PatientWeeks(), 2)));
		}
		Figures.Calibration calibration = all.calibration();
		out.append(Format.of("Calibration, use within %d days: Brier %s (always the base rate %s: %s)%n", horizon,
				Format.decimal(calibration.brier(), 4), Format.percent(calibration.baseRate()),
				Format.decimal(calibration.brierOfBaseRate(), 4)));
		out.append("  predicted  observed  days\n");
		for (Figures.Bin bin : calibration.bins()) {
			out.append(Format.of("  %9s  %8s  %s%n", Format.decimal(bin.meanPredicted(), 3),
					Format.decimal(bin.observedRate(), 3), Format.count(bin.days())));
		}
		out.append("Subgroups:\n");
		out.append(Format.of("  %-22s %8s %s  %6s %6s %9s %11s %7s%n", "subgroup", "patients",
				settings.horizons()
					.stream()
					.map((h) -> Format.of("%9s", "auROC " + h + "d"))
					.collect(Collectors.joining(" ")),
				"sens", "spec", "false/10pw", "prec>=" + targets.leadDays() + "d", "Brier"));
		for (Map.Entry<String, List<Evaluation.Subgroup>> attribute : split.subgroupsByAttribute().entrySet()) {
			for (Evaluation.Subgroup subgroup : attribute.getValue()) {
				Figures f = subgroup.figures();
				out.append(Format.of("  %-22s %8s %s  %6s %6s %9s %11s %7s%n",
						subgroup.attribute() + "=" + subgroup.value(), Format.count(f.patients()),
						settings.horizons()
							.stream()
							.map((h) -> Format.of("%9s", Format.decimal(f.discrimination(h).auRoc(), 3)))
							.collect(Collectors.joining(" ")),
						Format.percent(f.operatingPoint().elevatedOrHigh().sensitivity()),
						Format.percent(f.operatingPoint().elevatedOrHigh().specificity()),
						Format.decimal(f.operatingPoint().falseAlertsPer10PatientWeeks(), 2),
						Format.percent(f.leadTimes().withPrecursor().shareFlaggedAtLeast(targets.leadDays())),
						Format.decimal(f.calibration().brier(), 4)));
			}
		}
		for (int h : settings.horizons()) {
			out.append(Format.of("Largest auROC gap, %s: %s%n", days(h),
					split.largestGap(h)
						.map((g) -> Format.of("%s (%s: %s %s vs %s %s)", Format.withMargin(g.gap(), g.margin95()),
								g.attribute(), g.highestValue(), Format.decimal(g.highestAuRoc(), 3), g.lowestValue(),
								Format.decimal(g.lowestAuRoc(), 3)))
						.orElse("-")));
		}
		out.append('\n');
	}

	private static String days(int days) {
		return (days == 1) ? "1 day" : days + " days";
	}

	private static String confusion(Figures.Confusion c) {
		return Format.of("sensitivity %s, specificity %s, PPV %s", Format.percent(c.sensitivity()),
				Format.percent(c.specificity()), Format.percent(c.positivePredictiveValue()));
	}

	private static void leadLine(StringBuilder out, String label, Figures.LeadTime lead) {
		out.append(Format.of("  %-18s %5s onsets: %s / %s / %s%n", label, Format.count(lead.onsets()),
				Format.percent(lead.shareFlaggedAtLeast(1)), Format.percent(lead.shareFlaggedAtLeast(3)),
				Format.percent(lead.shareFlaggedAtLeast(7))));
	}

}
