package org.stepwise.simulator.earlywarning;

import java.util.Locale;

/** Number formats shared by the text summary and the HTML report; NaN shows as "-". */
final class Format {

	private Format() {
	}

	static String decimal(double value, int places) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + places + "f", value);
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
