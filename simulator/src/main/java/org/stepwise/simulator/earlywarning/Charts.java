package org.stepwise.simulator.earlywarning;

import java.util.List;

/**
 * The report's plots as inline SVG (well-formed XML, no scripts, no external assets).
 */
final class Charts {

	static final String[] COLOURS = { "#3b7dd8", "#2e9e5b", "#d8553b", "#8a5cc2", "#c79a1e" };

	private static final int LEFT = 56;

	private static final int TOP = 12;

	private static final int WIDTH = 300;

	private static final int HEIGHT = 240;

	private Charts() {
	}

	/** ROC curves, one per horizon, with the chance diagonal. */
	static String roc(List<Figures.Discrimination> curves) {
		Frame frame = new Frame(1, 1, "False positive rate", "True positive rate", "roc");
		StringBuilder svg = frame.open(0.2, 0.2);
		svg.append(frame.line(0, 0, 1, 1, "#999", "4 3"));
		for (int c = 0; c < curves.size(); c++) {
			Figures.Discrimination d = curves.get(c);
			StringBuilder points = new StringBuilder();
			for (Figures.RocPoint p : d.roc()) {
				points.append(Format.of("%.1f,%.1f ", frame.x(p.falsePositiveRate()), frame.y(p.truePositiveRate())));
			}
			svg.append(Format.of(
					"<polyline class=\"roc-curve\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
							+ "points=\"%s\"><title>use within %d days: auROC %s</title></polyline>",
					colour(c), points.toString().trim(), d.horizonDays(), Format.decimal(d.auRoc(), 3)));
			svg.append(frame.legend(c, Format.of("%d d: auROC %s", d.horizonDays(), Format.decimal(d.auRoc(), 3)),
					colour(c)));
		}
		return frame.close(svg);
	}

	/**
	 * Mean predicted score against observed rate per bin, with the line of perfect
	 * calibration.
	 */
	static String calibration(Figures.Calibration calibration) {
		double max = 0.05;
		for (Figures.Bin bin : calibration.bins()) {
			max = Math.max(max, Math.max(bin.meanPredicted(), bin.observedRate()));
		}
		// A round scale just above the largest value keeps low-risk bins readable.
		double scale = Math.min(1, Math.ceil(max * 10) / 10);
		Frame frame = new Frame(scale, scale, "Mean predicted chance of use", "Observed rate of use", "calibration");
		StringBuilder svg = frame.open(scale / 5, scale / 5);
		svg.append(frame.line(0, 0, scale, scale, "#999", "4 3"));
		StringBuilder points = new StringBuilder();
		for (Figures.Bin bin : calibration.bins()) {
			points.append(Format.of("%.1f,%.1f ", frame.x(bin.meanPredicted()), frame.y(bin.observedRate())));
		}
		svg.append(Format.of("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>", COLOURS[0],
				points.toString().trim()));
		for (Figures.Bin bin : calibration.bins()) {
			svg.append(Format.of(
					"<circle class=\"calibration-bin\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>predicted %s, "
							+ "observed %s, %d days</title></circle>",
					frame.x(bin.meanPredicted()), frame.y(bin.observedRate()), COLOURS[0],
					Format.decimal(bin.meanPredicted(), 3), Format.decimal(bin.observedRate(), 3), bin.days()));
		}
		return frame.close(svg);
	}

	/**
	 * Onsets by days flagged before them, with and without precursors side by side; the
	 * first group is the onsets no alert stretch reached.
	 */
	static String leadTimes(Figures.LeadTimes leads) {
		Figures.LeadTime with = leads.withPrecursor();
		Figures.LeadTime without = leads.withoutPrecursor();
		int categories = with.onsetsByLeadDays().size() + 1;
		int max = Math.max(1, Math.max(with.unflagged(), without.unflagged()));
		for (int d = 0; d < with.onsetsByLeadDays().size(); d++) {
			max = Math.max(max, Math.max(with.onsetsByLeadDays().get(d), without.onsetsByLeadDays().get(d)));
		}
		double yScale = niceCeiling(max);
		Frame frame = new Frame(categories, yScale, "Days flagged before the onset (none = not flagged)", "Onsets",
				"lead-times");
		StringBuilder svg = frame.open(0, yScale / 5);
		double slot = (double) WIDTH / categories;
		for (int k = 0; k < categories; k++) {
			int withCount = (k == 0) ? with.unflagged() : with.onsetsByLeadDays().get(k - 1);
			int withoutCount = (k == 0) ? without.unflagged() : without.onsetsByLeadDays().get(k - 1);
			String label = (k == 0) ? "none" : String.valueOf(k - 1);
			svg.append(bar(frame, k * slot + slot * 0.1, slot * 0.4, withCount, COLOURS[0],
					label + " days: " + withCount + " with precursor"));
			svg.append(bar(frame, k * slot + slot * 0.5, slot * 0.4, withoutCount, COLOURS[2],
					label + " days: " + withoutCount + " without precursor"));
			svg.append(Format.of("<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
					LEFT + k * slot + slot / 2, TOP + HEIGHT + 13, label));
		}
		svg.append(frame.legend(0, "with precursor (" + with.onsets() + ")", COLOURS[0]));
		svg.append(frame.legend(1, "without precursor (" + without.onsets() + ")", COLOURS[2]));
		return frame.close(svg);
	}

	private static String bar(Frame frame, double x, double width, int count, String colour, String title) {
		double top = frame.y(count);
		return Format.of(
				"<rect class=\"lead-bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
						+ "<title>%s</title></rect>",
				LEFT + x, top, width, TOP + HEIGHT - top, colour, HtmlReport.escape(title));
	}

	/** 1, 2 or 5 times a power of ten, at least the value. */
	static double niceCeiling(double value) {
		double power = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 5, 10 }) {
			if (step * power >= value) {
				return step * power;
			}
		}
		return 10 * power;
	}

	private static String colour(int index) {
		return COLOURS[index % COLOURS.length];
	}

	/** A plot area with axes from 0 to the given maxima. */
	private record Frame(double xMax, double yMax, String xLabel, String yLabel, String id) {

		double x(double value) {
			return LEFT + value / this.xMax * WIDTH;
		}

		double y(double value) {
			return TOP + HEIGHT - value / this.yMax * HEIGHT;
		}

		/**
		 * The svg element, grid lines and tick labels every {@code xStep} / {@code yStep}
		 * (0: none).
		 */
		StringBuilder open(double xStep, double yStep) {
			StringBuilder svg = new StringBuilder(Format
				.of("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" width=\"%d\" height=\"%d\" role=\"img\" "
						+ "font-family=\"sans-serif\">", this.id, LEFT + WIDTH + 190, TOP + HEIGHT + 44));
			for (int k = 0; xStep > 0 && k * xStep <= this.xMax + 1e-9; k++) {
				double v = k * xStep;
				svg.append(line(v, 0, v, this.yMax, "#e4e4e4", null));
				svg.append(Format.of("<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
						x(v), TOP + HEIGHT + 13, tick(v)));
			}
			for (int k = 0; yStep > 0 && k * yStep <= this.yMax + 1e-9; k++) {
				double v = k * yStep;
				svg.append(line(0, v, this.xMax, v, "#e4e4e4", null));
				svg.append(Format.of("<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
						LEFT - 4, y(v) + 3, tick(v)));
			}
			svg.append(line(0, 0, this.xMax, 0, "#444", null)).append(line(0, 0, 0, this.yMax, "#444", null));
			svg.append(Format.of("<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
					LEFT + WIDTH / 2.0, TOP + HEIGHT + 32, HtmlReport.escape(this.xLabel)));
			svg.append(Format.of(
					"<text x=\"12\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
							+ "transform=\"rotate(-90 12 %.1f)\">%s</text>",
					TOP + HEIGHT / 2.0, TOP + HEIGHT / 2.0, HtmlReport.escape(this.yLabel)));
			return svg;
		}

		String line(double x1, double y1, double x2, double y2, String colour, String dash) {
			return Format.of("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>", x(x1), y(y1),
					x(x2), y(y2), colour, (dash == null) ? "" : " stroke-dasharray=\"" + dash + "\"");
		}

		String legend(int row, String text, String colour) {
			int x = LEFT + WIDTH + 14;
			int y = TOP + 8 + row * 18;
			return Format.of(
					"<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
							+ "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
					x, y - 10, colour, x + 18, y, HtmlReport.escape(text));
		}

		String close(StringBuilder svg) {
			return svg.append("</svg>\n").toString();
		}

		private static String tick(double value) {
			return (value == Math.rint(value)) ? String.valueOf((long) value) : Format.decimal(value, 2);
		}

	}

}
