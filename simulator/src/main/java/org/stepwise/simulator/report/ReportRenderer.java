package org.stepwise.simulator.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The rule-quality report as a text table and as a self-contained HTML page with inline
 * SVG charts (no external assets).
 */
public final class ReportRenderer {

	private ReportRenderer() {
	}

	/** One row of the report: what, the figure, and how it was counted. */
	public record Row(String measure, String value, String basis) {
	}

	public static List<Row> rows(RuleQuality.Report r) {
		List<Row> rows = new ArrayList<>();
		rows.add(new Row("Relapse-risk sensitivity", percent(r.sensitivity()),
				r.relapsesDetected() + " of " + r.relapses() + " relapses alerted"));
		rows.add(new Row("Median lead time before relapse",
				(r.medianLeadDays() == null) ? "-" : format("%.1f days", r.medianLeadDays()),
				"relapse day minus first alert's day, " + r.leadDays().size() + " detected"));
		rows.add(new Row("False relapse alerts per 10 patient-weeks", format("%.2f", r.falseAlertsPer10PatientWeeks()),
				r.falseRelapseAlerts() + " of " + r.relapseAlerts() + " alerts, " + format("%.1f", r.patientWeeks())
						+ " patient-weeks"));
		rows.add(new Row("Alerts per patient-week, every kind", format("%.2f", r.alertsPerPatientWeek()),
				r.alerts() + " alerts: "
						+ new java.util.TreeMap<>(r.alertsByKind()).entrySet()
							.stream()
							.map((e) -> e.getKey() + " " + e.getValue())
							.collect(java.util.stream.Collectors.joining(", "))));
		rows.add(new Row("Safety events alerted", percent(r.safetyAlertedShare()),
				r.safetyAlerted() + " of " + r.safetyEvents() + " (should be all)"));
		rows.add(new Row("Safety alert latency", latency(r.medianSafetyLatency()) + " median",
				latency(r.maxSafetyLatency()) + " max, submission to alert"));
		rows.add(new Row("Step-down readiness agreement", percent(r.readinessAgreement()),
				r.readinessAgreements() + " of " + r.patients() + " patients; truly ready " + r.trulyReady()
						+ ", flagged " + r.observedReady()));
		rows.add(new Row("Automatic adjustments per patient", format("%.2f", r.automaticAdjustmentsPerPatient()),
				r.automaticAdjustments() + " in all, at most " + r.maxAutomaticAdjustmentsOfOnePatient()
						+ " for one patient"));
		return rows;
	}

	public static String table(RuleQuality.Report report) {
		List<Row> rows = rows(report);
		int measure = rows.stream().mapToInt((r) -> r.measure().length()).max().orElse(10);
		int value = rows.stream().mapToInt((r) -> r.value().length()).max().orElse(5);
		StringBuilder out = new StringBuilder();
		String line = "%-" + measure + "s  %" + value + "s  %s%n";
		out.append(String.format(line, "Measure", "Value", "Basis"));
		out.append("-".repeat(measure + value + 40)).append('\n');
		for (Row row : rows) {
			out.append(String.format(line, row.measure(), row.value(), row.basis()));
		}
		return out.toString();
	}

	public static String html(RuleQuality.Report report, String title) {
		StringBuilder out = new StringBuilder();
		out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
			.append(escape(title))
			.append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
					+ "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}"
					+ "td.v{text-align:right;font-variant-numeric:tabular-nums}</style></head><body>\n<h1>")
			.append(escape(title))
			.append("</h1>\n<table><tr><th>Measure</th><th>Value</th><th>Basis</th></tr>\n");
		for (Row row : rows(report)) {
			out.append("<tr><td>")
				.append(escape(row.measure()))
				.append("</td><td class=\"v\">")
				.append(escape(row.value()))
				.append("</td><td>")
				.append(escape(row.basis()))
				.append("</td></tr>\n");
		}
		out.append("</table>\n<h2>Shares</h2>\n").append(sharesChart(report));
		out.append("<h2>Lead time of each detected relapse (days before the relapse)</h2>\n")
			.append(leadChart(report.leadDays()));
		out.append("</body></html>\n");
		return out.toString();
	}

	/** Horizontal bars, 0-100 %, for the three shares. */
	static String sharesChart(RuleQuality.Report r) {
		String[] labels = { "Relapse sensitivity", "Safety events alerted", "Step-down agreement" };
		double[] values = { r.sensitivity(), r.safetyAlertedShare(), r.readinessAgreement() };
		int width = 360;
		StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">", 200 + width + 60,
				labels.length * 30 + 10));
		for (int i = 0; i < labels.length; i++) {
			int y = 10 + i * 30;
			double v = Double.isNaN(values[i]) ? 0 : values[i];
			svg.append(String.format(Locale.ROOT,
					"<text x=\"0\" y=\"%d\" font-size=\"13\">%s</text>"
							+ "<rect x=\"200\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"#eee\"/>"
							+ "<rect x=\"200\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"#3b7dd8\"/>"
							+ "<text x=\"%d\" y=\"%d\" font-size=\"13\">%s</text>",
					y + 14, escape(labels[i]), y, width, y, v * width, 200 + width + 6, y + 14,
					escape(percent(values[i]))));
		}
		return svg.append("</svg>\n").toString();
	}

	/**
	 * One vertical bar per detected relapse; bars below the axis were raised after it.
	 */
	static String leadChart(List<Long> leads) {
		if (leads.isEmpty()) {
			return "<p>No relapse was detected.</p>\n";
		}
		long max = Math.max(1, leads.stream().mapToLong(Math::abs).max().orElse(1));
		int bar = 24;
		int half = 100;
		StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">"
						+ "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
				leads.size() * (bar + 6) + 10, 2 * half + 20, half + 10, leads.size() * (bar + 6) + 10, half + 10));
		for (int i = 0; i < leads.size(); i++) {
			long lead = leads.get(i);
			double h = Math.abs(lead) * (double) half / max;
			double y = (lead >= 0) ? half + 10 - h : half + 10;
			int x = 5 + i * (bar + 6);
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%d days</title></rect>"
							+ "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d</text>",
					x, y, bar, h, (lead >= 0) ? "#2e9e5b" : "#d8553b", lead, x + 4, (lead >= 0) ? half + 24 : half + 4,
					lead));
		}
		return svg.append("</svg>\n").toString();
	}

	private static String percent(double share) {
		return Double.isNaN(share) ? "-" : format("%.0f%%", share * 100);
	}

	private static String latency(@Nullable Duration duration) {
		if (duration == null) {
			return "-";
		}
		return (duration.toMillis() < 10_000) ? duration.toMillis() + " ms"
				: format("%.1f s", duration.toMillis() / 1000.0);
	}

	private static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
