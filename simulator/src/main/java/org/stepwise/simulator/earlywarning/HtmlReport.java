package org.stepwise.simulator.earlywarning;

import org.stepwise.contracts.progress.LapseRiskLevel;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The early-warning evaluation as one self-contained HTML page: inline SVG plots, no
 * scripts, nothing fetched. The page is also well-formed XML, so tests can parse it.
 */
public final class HtmlReport {

	private static final String STYLE = "body{font-family:sans-serif;margin:2em;color:#222;max-width:1100px}"
			+ "table{border-collapse:collapse;margin:0.5em 0 1em}td,th{border:1px solid #ccc;padding:3px 9px}"
			+ "td.v{text-align:right;font-variant-numeric:tabular-nums}"
			+ ".caveat{border-left:4px solid #d8553b;background:#fdf1ee;padding:0.6em 1em}"
			+ ".operating-point{border:2px solid #3b7dd8;background:#f0f5fd;padding:0.4em 1em;margin:1em 0}"
			+ ".met{color:#2e7d32;font-weight:bold}.not-met{color:#c62828;font-weight:bold}"
			+ "details{margin:1em 0}summary{font-size:1.3em;font-weight:bold;cursor:pointer}";

	private HtmlReport() {
	}

	public static void write(Evaluation.Report report, RunDescription run, Targets targets, Path file)
			throws IOException {
		if (file.toAbsolutePath().getParent() != null) {
			Files.createDirectories(file.toAbsolutePath().getParent());
		}
		Files.writeString(file, html(report, run, targets), StandardCharsets.UTF_8);
	}

	public static void write(Evaluation.Report report, RunDescription run, Targets targets, Writer writer)
			throws IOException {
		writer.write(html(report, run, targets));
		writer.flush();
	}

	public static String html(Evaluation.Report report, RunDescription run, Targets targets) {
		Settings settings = report.settings();
		StringBuilder out = new StringBuilder();
		out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>")
			.append(escape(run.title()))
			.append("</title><style>")
			.append(STYLE)
			.append("</style></head><body>\n<h1>")
			.append(escape(run.title()))
			.append("</h1>\n<div class=\"data\"><p><strong>Data:</strong> simulated cohort, not patients. ")
			.append(escape(run.cohort()))
			.append("</p><p><strong>Model:</strong> ")
			.append(escape(run.model()))
			.append("</p><ul>");
		run.seedsBySplit()
			.forEach((split, seeds) -> out.append("<li>Seeds of the ")
				.append(escape(split))
				.append(" split: ")
				.append(seeds.stream().map(String::valueOf).collect(Collectors.joining(", ")))
				.append("</li>"));
		out.append("</ul><p>Figures that count come from the held-out seeds; the model was tuned on the tuning seeds "
				+ "only.</p></div>\n<p class=\"caveat\"><strong>Caveat.</strong> ")
			.append(escape(RunDescription.CAVEAT))
			.append("</p>\n");
		out.append(definitions(settings));
		overview(out, report, targets);
		for (Evaluation.SplitReport split : report.splits()) {
			boolean counts = Evaluation.HELD_OUT.equals(split.split());
			out.append(counts
					? "<section id=\"split-" + escape(split.split()) + "\"><h2>" + escape(split.split())
							+ " split (the figures that count)</h2>\n"
					: "<details id=\"split-" + escape(split.split()) + "\"><summary>" + escape(split.split())
							+ " split</summary>\n");
			splitSection(out, split, run, settings, targets);
			out.append(counts ? "</section>\n" : "</details>\n");
		}
		out.append("</body></html>\n");
		return out.toString();
	}

	private static String definitions(Settings settings) {
		return "<h2>How the figures are counted</h2>\n<ul>"
				+ "<li>Each scored day is labelled by whether the patient used on any of the next H days (H = "
				+ settings.horizons().stream().map(String::valueOf).collect(Collectors.joining(", "))
				+ "). Days of use are not labelled (the question is warning before use), nor days whose horizon "
				+ "runs past the end of observation.</li>"
				+ "<li>auROC is the exact Mann-Whitney statistic, ties counting one half; its 95% interval treats "
				+ "each patient's days as one cluster (Obuchowski 1997). A subgroup gap's interval combines the two "
				+ "subgroups' errors; the largest of several gaps is biased upward, so a gap within its interval "
				+ "of zero may be noise.</li>"
				+ "<li>Threshold table: days with score at or above the threshold predict use within "
				+ settings.primaryHorizon() + " days; an alert is a crossing of the threshold from below.</li>"
				+ "<li>Operating point: the levels after hysteresis. An alert episode is a rise from LOW; it is "
				+ "false when no use falls from its first day to " + settings.falseAlertWindowDays()
				+ " days after it; an episode whose window runs past the end of observation without use is "
				+ "counted as false too (an upper bound).</li>"
				+ "<li>Lead time: days from the start of the alert stretch (ELEVATED or HIGH) that reaches the "
				+ "lapse onset or the day before it, at most " + settings.leadWindowDays()
				+ " days; 0 when only the onset day is flagged.</li>" + "<li>Calibration: " + settings.calibrationBins()
				+ " equal-count bins of labelled days by score; Brier score against always predicting the base "
				+ "rate.</li></ul>\n";
	}

	private static void overview(StringBuilder out, Evaluation.Report report, Targets targets) {
		out.append("<h2>Done when</h2>\n<table id=\"done-when\"><tr><th>Measure</th><th>Target</th>");
		for (Evaluation.SplitReport split : report.splits()) {
			out.append("<th>").append(escape(split.split())).append("</th>");
		}
		out.append("</tr>\n");
		List<List<Targets.Check>> checks = report.splits().stream().map(targets::check).toList();
		for (int row = 0; !checks.isEmpty() && row < checks.get(0).size(); row++) {
			out.append("<tr><td>")
				.append(escape(checks.get(0).get(row).measure()))
				.append("</td><td>")
				.append(escape(checks.get(0).get(row).target()))
				.append("</td>");
			for (List<Targets.Check> ofSplit : checks) {
				Targets.Check check = ofSplit.get(row);
				out.append("<td class=\"v\">")
					.append(escape(check.shown()))
					.append(check.met() ? " <span class=\"met\">met</span>" : " <span class=\"not-met\">not met</span>")
					.append("</td>");
			}
			out.append("</tr>\n");
		}
		out.append("</table>\n");
	}

	private static void splitSection(StringBuilder out, Evaluation.SplitReport split, RunDescription run,
			Settings settings, Targets targets) {
		Figures all = split.overall();
		int horizon = settings.primaryHorizon();
		out.append(Format.of("<p>%s patients, %s scored days, %.1f patient-weeks.</p>%n", Format.count(all.patients()),
				Format.count(all.scoredDays()), all.patientWeeks()));
		operatingPoint(out, all, run, settings);
		out.append("<h3>ROC curves</h3>\n").append(Charts.roc(all.discrimination()));
		out.append("<table class=\"discrimination\"><tr><th>Use within</th><th>auROC</th><th>95% interval</th>"
				+ "<th>Labelled days</th><th>Followed by use</th></tr>\n");
		for (Figures.Discrimination d : all.discrimination()) {
			out.append(Format.of(
					"<tr><td>%s</td><td class=\"v\">%s</td><td class=\"v\">\u00b1 %s</td>"
							+ "<td class=\"v\">%s</td><td class=\"v\">%s</td></tr>%n",
					days(d.horizonDays()), Format.decimal(d.auRoc(), 3), Format.decimal(d.margin95(), 3),
					Format.count(d.labelledDays()), Format.count(d.positives())));
		}
		out.append("</table>\n");
		Figures.Calibration calibration = all.calibration();
		out.append(Format.of("<h3>Calibration, use within %d days</h3>%n", horizon))
			.append(Charts.calibration(calibration))
			.append(Format.of("<p>Brier score %s; always predicting the base rate (%s) scores %s.</p>%n",
					Format.decimal(calibration.brier(), 4), Format.percent(calibration.baseRate()),
					Format.decimal(calibration.brierOfBaseRate(), 4)));
		out.append("<table class=\"calibration\"><tr><th>Scores</th><th>Mean predicted</th><th>Observed</th>"
				+ "<th>Days</th></tr>\n");
		for (Figures.Bin bin : calibration.bins()) {
			out.append(Format.of(
					"<tr><td>%s to %s</td><td class=\"v\">%s</td><td class=\"v\">%s</td>"
							+ "<td class=\"v\">%s</td></tr>%n",
					Format.decimal(bin.minScore(), 3), Format.decimal(bin.maxScore(), 3),
					Format.decimal(bin.meanPredicted(), 3), Format.decimal(bin.observedRate(), 3),
					Format.count(bin.days())));
		}
		out.append("</table>\n");
		out.append("<h3>Lead time before lapse onsets</h3>\n").append(Charts.leadTimes(all.leadTimes()));
		leadTable(out, all.leadTimes());
		out.append(Format.of("<h3>Threshold table, use within %d days (A-CHESS layout)</h3>%n", horizon));
		out.append("<table class=\"thresholds\"><tr><th>Score threshold</th><th>Sensitivity</th><th>Specificity</th>"
				+ "<th>PPV</th><th>Alerts per 10 patient-weeks</th></tr>\n");
		for (Figures.ThresholdRow row : all.thresholds()) {
			out.append(Format.of(
					"<tr><td class=\"v\">%s</td><td class=\"v\">%s</td><td class=\"v\">%s</td>"
							+ "<td class=\"v\">%s</td><td class=\"v\">%s</td></tr>%n",
					Format.decimal(row.threshold(), 2), Format.percent(row.confusion().sensitivity()),
					Format.percent(row.confusion().specificity()),
					Format.percent(row.confusion().positivePredictiveValue()),
					Format.decimal(row.alertsPer10PatientWeeks(), 2)));
		}
		out.append("</table>\n");
		subgroupTable(out, split, settings, targets);
	}

	private static void operatingPoint(StringBuilder out, Figures all, RunDescription run, Settings settings) {
		Figures.OperatingPoint point = all.operatingPoint();
		out.append("<div class=\"operating-point\"><h3>Default operating point</h3><p>")
			.append(escape(run.operatingPoint()))
			.append("</p><table><tr><th>LapseRiskLevel as the prediction of use within ")
			.append(settings.primaryHorizon())
			.append(" days</th><th>Sensitivity</th><th>Specificity</th><th>PPV</th></tr>\n");
		confusionRow(out, "ELEVATED or HIGH", point.elevatedOrHigh());
		confusionRow(out, "HIGH", point.high());
		out.append("</table><p>")
			.append(Format.of(
					"Alert episodes: %s (%s per 10 patient-weeks). False relapse-risk alerts: %s, plus %s "
							+ "cut short by the end of observation: <strong>%s per 10 patient-weeks</strong>.",
					Format.count(point.alertEpisodes()), Format.decimal(point.alertEpisodesPer10PatientWeeks(), 2),
					Format.count(point.falseAlerts()), Format.count(point.falseAlertsCutShort()),
					Format.decimal(point.falseAlertsPer10PatientWeeks(), 2)))
			.append("</p><p>")
			.append(Format.of("Lapses with precursors flagged at least 1 / 3 / 7 days before: %s / %s / %s of %s.",
					Format.percent(all.leadTimes().withPrecursor().shareFlaggedAtLeast(1)),
					Format.percent(all.leadTimes().withPrecursor().shareFlaggedAtLeast(3)),
					Format.percent(all.leadTimes().withPrecursor().shareFlaggedAtLeast(7)),
					Format.count(all.leadTimes().withPrecursor().onsets())))
			.append("</p></div>\n");
	}

	private static void confusionRow(StringBuilder out, String label, Figures.Confusion c) {
		out.append(
				Format.of(
						"<tr><td>%s</td><td class=\"v\">%s</td><td class=\"v\">%s</td><td class=\"v\">%s</td>"
								+ "</tr>%n",
						label, Format.percent(c.sensitivity()), Format.percent(c.specificity()),
						Format.percent(c.positivePredictiveValue())));
	}

	private static void leadTable(StringBuilder out, Figures.LeadTimes leads) {
		out.append("<table class=\"lead-times\"><tr><th>Lapse onsets</th><th>Count</th><th>Flagged &#8805; 1 day"
				+ "</th><th>&#8805; 3 days</th><th>&#8805; 7 days</th><th>Not flagged</th></tr>\n");
		leadRow(out, "all", leads.all());
		leadRow(out, "with precursor", leads.withPrecursor());
		leadRow(out, "without precursor", leads.withoutPrecursor());
		out.append("</table>\n");
	}

	private static void leadRow(StringBuilder out, String label, Figures.LeadTime lead) {
		out.append(Format.of(
				"<tr><td>%s</td><td class=\"v\">%s</td><td class=\"v\">%s</td><td class=\"v\">%s</td>"
						+ "<td class=\"v\">%s</td><td class=\"v\">%s</td></tr>%n",
				label, Format.count(lead.onsets()), Format.percent(lead.shareFlaggedAtLeast(1)),
				Format.percent(lead.shareFlaggedAtLeast(3)), Format.percent(lead.shareFlaggedAtLeast(7)),
				Format.count(lead.unflagged())));
	}

	private static void subgroupTable(StringBuilder out, Evaluation.SplitReport split, Settings settings,
			Targets targets) {
		out.append("<h3>Subgroups</h3>\n<table class=\"subgroups\"><tr><th>Subgroup</th><th>Patients</th>");
		settings.horizons().forEach((h) -> out.append("<th>auROC ").append(h).append(" d</th>"));
		out.append("<th>Sensitivity</th><th>Specificity</th><th>False alerts per 10 pw</th><th>Precursor lapses "
				+ "flagged &#8805; ")
			.append(targets.leadDays())
			.append(" d</th><th>Brier</th></tr>\n");
		for (Map.Entry<String, List<Evaluation.Subgroup>> attribute : split.subgroupsByAttribute().entrySet()) {
			for (Evaluation.Subgroup subgroup : attribute.getValue()) {
				Figures f = subgroup.figures();
				out.append("<tr><td>")
					.append(escape(subgroup.attribute() + " = " + subgroup.value()))
					.append("</td><td class=\"v\">")
					.append(Format.count(f.patients()))
					.append("</td>");
				settings.horizons()
					.forEach((h) -> out.append("<td class=\"v\">")
						.append(Format.decimal(f.discrimination(h).auRoc(), 3))
						.append("</td>"));
				out.append(Format.of(
						"<td class=\"v\">%s</td><td class=\"v\">%s</td><td class=\"v\">%s</td>"
								+ "<td class=\"v\">%s</td><td class=\"v\">%s</td></tr>%n",
						Format.percent(f.operatingPoint().elevatedOrHigh().sensitivity()),
						Format.percent(f.operatingPoint().elevatedOrHigh().specificity()),
						Format.decimal(f.operatingPoint().falseAlertsPer10PatientWeeks(), 2),
						Format.percent(f.leadTimes().withPrecursor().shareFlaggedAtLeast(targets.leadDays())),
						Format.decimal(f.calibration().brier(), 4)));
			}
		}
		out.append("</table>\n<table class=\"gaps\"><tr><th>Largest auROC gap</th><th>Gap</th><th>95% interval</th>"
				+ "<th>Between</th></tr>\n");
		for (int h : settings.horizons()) {
			out.append("<tr><td>use within ").append(days(h)).append("</td>");
			split.largestGap(h)
				.ifPresentOrElse((g) -> out.append(gapCells(g)), () -> out.append(
						"<td class=\"v\">-</td><td class=\"v\">-</td><td>fewer than two values with an auROC</td></tr>\n"));
		}
		out.append("</table>\n");
	}

	private static String gapCells(Evaluation.Gap g) {
		return Format.of("<td class=\"v\">%s</td><td class=\"v\">\u00b1 %s</td><td>%s</td></tr>%n",
				Format.decimal(g.gap(), 3), Format.decimal(g.margin95(), 3),
				escape(Format.of("%s: %s %s vs %s %s", g.attribute(), g.highestValue(),
						Format.decimal(g.highestAuRoc(), 3), g.lowestValue(), Format.decimal(g.lowestAuRoc(), 3))));
	}

	private static String days(int days) {
		return (days == 1) ? "1 day" : days + " days";
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
