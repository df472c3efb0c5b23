package org.stepwise.localstack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus configuration and alert rules under {@code deploy/prometheus}, checked
 * by the real promtool, and the rules' unit tests (a service down, dead letters, outbox
 * backlog, consumer lag, CRITICAL alerts unacknowledged past target).
 */
class PrometheusRulesTest {

	private final Path root = Promtool.repositoryRoot();

	@Test
	void theConfigurationIsValid() throws Exception {
		assertThat(Promtool.run(this.root, "check", "config", "deploy/prometheus/prometheus.yml")).contains("SUCCESS");
	}

	@Test
	void theRulesAreValidAndCoverWhatIssue7Asks() throws Exception {
		assertThat(Promtool.run(this.root, "check", "rules", "deploy/prometheus/rules/stepwise.yml"))
			.contains("SUCCESS: 5 rules found");
	}

	@Test
	void theRuleUnitTestsPass() throws Exception {
		String output = Promtool.run(this.root.resolve("deploy/prometheus/tests"), "test", "rules",
				"stepwise-rules.test.yml");
		assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
	}

}
