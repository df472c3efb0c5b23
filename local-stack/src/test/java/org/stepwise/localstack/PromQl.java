package org.stepwise.localstack;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects: what is left after label matchers, range
 * selectors, string literals and grouping clauses are removed, minus function and
 * aggregation names and keywords. Enough for the expressions of our dashboards and rules
 * (Prometheus itself checks that they parse).
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*\\}");

	private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.$])([a-zA-Z_:][\\w:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"offset", "bool", "and", "or", "unless", "inf", "nan", "Inf", "NaN");

	private PromQl() {
	}

	static Set<String> metricNames(String expression) {
		String rest = STRING.matcher(expression).replaceAll(" ");
		rest = MATCHERS.matcher(rest).replaceAll(" ");
		rest = RANGE.matcher(rest).replaceAll(" ");
		rest = GROUPING.matcher(rest).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = IDENTIFIER.matcher(rest);
		while (matcher.find()) {
			String name = matcher.group(1);
			if (matcher.group(2) == null && !KEYWORDS.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

}
