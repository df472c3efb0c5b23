package org.stepwise.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert the project ships in {@code deploy/prometheus/rules} has its page in the
 * runbook of {@code docs/operations.md} (what it means, what to check, what to do), and
 * the runbook has no page for an alert that no longer exists.
 */
class RunbookTest {

	private static final Pattern PAGE = Pattern.compile("(?m)^### (\\S+)\\s*$");

	private final Path root = Promtool.repositoryRoot();

	@Test
	void everyShippedAlertHasItsRunbookPage() throws IOException {
		List<String> alerts = alerts();
		Map<String, String> pages = runbookPages();

		assertThat(alerts).isNotEmpty();
		assertThat(pages.keySet()).as("runbook pages in docs/operations.md")
			.containsExactlyInAnyOrderElementsOf(alerts);
		pages
			.forEach((alert, page) -> assertThat(page).as(alert).contains("- **Means**:", "- **Check**:", "- **Do**:"));
	}

	private List<String> alerts() throws IOException {
		List<String> alerts = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.root.resolve("deploy/prometheus/rules"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
				.sorted()
				.toList()) {
				Map<String, Object> rules = new Yaml().load(Files.readString(file));
				for (Object group : (List<?>) rules.get("groups")) {
					for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
						if (((Map<?, ?>) rule).get("alert") instanceof String alert) {
							alerts.add(alert);
						}
					}
				}
			}
		}
		return alerts;
	}

	/** The {@code ###} pages of the runbook section, by title. */
	private Map<String, String> runbookPages() throws IOException {
		String operations = Files.readString(this.root.resolve("docs/operations.md"));
		int start = operations.indexOf("\n## Runbook");
		assertThat(start).as("docs/operations.md has a Runbook section").isNotNegative();
		int end = operations.indexOf("\n## ", start + 1);
		String runbook = operations.substring(start, (end < 0) ? operations.length() : end);
		Map<String, String> pages = new LinkedHashMap<>();
		Matcher matcher = PAGE.matcher(runbook);
		List<int[]> bounds = new ArrayList<>();
		List<String> titles = new ArrayList<>();
		while (matcher.find()) {
			titles.add(matcher.group(1));
			bounds.add(new int[] { matcher.start(), matcher.end() });
		}
		for (int i = 0; i < titles.size(); i++) {
			int to = (i + 1 < bounds.size()) ? bounds.get(i + 1)[0] : runbook.length();
			pages.put(titles.get(i), runbook.substring(bounds.get(i)[1], to));
		}
		return pages;
	}

}
