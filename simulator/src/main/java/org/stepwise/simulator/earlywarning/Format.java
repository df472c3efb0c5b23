package org.stepwise.simulator.earlywarning;

import java.util.Locale;

/** Number formats shared by the text summary and the HTML report; NaN shows as "-". */
final class Format {

	private Format() {
	}

	static String decimal(double value, int places) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + places + "f", value);
	}

	/**
	 * A figure with the half-width of its 95% confidence interval, e.g. "0.846 ± 0.012".
	 */
	static String withMargin(double value, double margin) {
		return decimal(value, 3) + (Double.isNaN(margin) ? "" : " \u00b1 " + decimal(margin, 3));
	}

	static String percent(double share) {
		return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
	}

	static String count(long count) {
		return String.format(Locale.ROOT, "%,d", count);
	}

	static String of(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

}
