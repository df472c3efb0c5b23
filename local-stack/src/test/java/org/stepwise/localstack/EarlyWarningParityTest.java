package org.stepwise.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.stepwise.simulator.earlywarning.ParityCheck;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The early warning's parity (issue 17 item 5): the first patients of a held-out cohort
 * of the offline evaluation, driven through the whole stack on event time, raise the same
 * relapse-risk alerts on the same days, at the same levels, resolved on the same days, as
 * the offline path (plan-domain replayed in process) computes for them.
 */
class EarlyWarningParityTest {

	/**
	 * Event time as the demo runs it, and a clinical-clock pass every 200 ms so the
	 * driver can have each day's midnight look made before the day's facts.
	 */
	static final Map<String, String> SERVICE_ENV = Map.of("STEPWISE_CLINICAL_TIME", "events",
			"STEPWISE_PLAN_EVALUATION_INTERVAL", "200ms");

	@TempDir
	static Path dataDir;

	static LocalStack stack;

	static StackOptions options;

	@BeforeAll
	static void start() throws Exception {
		options = TestStacks.onFreePorts(dataDir);
		stack = new LocalStack(options, SERVICE_ENV);
		stack.start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void theStackRaisesTheOfflinePathsAlertsOnTheSameDays() throws Exception {
		List<URI> services = options.services()
			.stream()
			.map((service) -> URI.create("http://127.0.0.1:" + service.port()))
			.toList();
		// seed 201 is a held-out seed; its first 20 patients have lapses with and without
		// precursors, precursor-like stretches without use, a dropout and quiet patients
		ParityCheck.Config config = new ParityCheck.Config(201, 1000, 6, 20, "program-a", ZoneId.of("America/Chicago"),
				services, "127.0.0.1:" + options.kafkaPort(),
				URI.create("http://127.0.0.1:" + options.idpPort() + "/oauth2/token"), Duration.ofSeconds(60));

		ParityCheck.Report report = ParityCheck.run(config);

		System.out.println(report.sample());
		System.out.print(report.result().table());
		System.out.println(report.result().verdict());
		assertThat(report.result().patients()).hasSize(20);
		assertThat(report.sample().withPrecursors()).isPositive();
		assertThat(report.sample().withSudden()).isPositive();
		assertThat(report.sample().withDecoys()).isPositive();
		assertThat(report.result().episodes()).as("alert episodes in the sample").isGreaterThanOrEqualTo(10);
		assertThat(report.result().differences()).isEmpty();
	}

}
