package org.stepwise.simulator.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.stepwise.simulator.cohort.GroundTruth;
import org.stepwise.simulator.drive.TokenSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The rule-quality report of a simulator run against a running Stepwise:
 * {@code ReportMain --run run.json [--alerts-url http://127.0.0.1:8084] [--html report.html]
 * [--plans-url http://127.0.0.1:8083] [--token-url URL [--client-id ID] [--client-secret S]]}.
 * Alerts come from alert-service, plan changes from each simulated patient's plan history
 * in plan-service.
 */
public final class ReportMain {

	private ReportMain() {
	}

	public static void main(String[] args) throws Exception {
		String runFile = null;
		String alertsUrl = "http://127.0.0.1:8084";
		String plansUrl = "http://127.0.0.1:8083";
		String html = null;
		String tokenUrl = null;
		// alert lists are for staff: a program admin sees the whole program's alerts
		String clientId = "admin-a";
		String clientSecret = "demo";
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--run" -> runFile = args[i + 1];
				case "--alerts-url" -> alertsUrl = args[i + 1];
				case "--plans-url" -> plansUrl = args[i + 1];
				case "--html" -> html = args[i + 1];
				case "--token-url" -> tokenUrl = args[i + 1];
				case "--client-id" -> clientId = args[i + 1];
				case "--client-secret" -> clientSecret = args[i + 1];
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		if (runFile == null) {
			throw new IllegalArgumentException("Usage: ReportMain --run run.json [--alerts-url URL] [--html FILE]");
		}
		SimulationRun run = JsonMapper.builder().build().readValue(Path.of(runFile).toFile(), SimulationRun.class);
		List<Observed.Alert> alerts;
		List<Observed.PlanChange> planChanges = new ArrayList<>();
		try (HttpClient http = HttpClient.newHttpClient()) {
			TokenSource tokens = (tokenUrl != null) ? TokenSource.clientCredentials(http, URI.create(tokenUrl),
					clientId, clientSecret, Clock.systemUTC()) : TokenSource.NONE;
			alerts = new AlertsClient(http, URI.create(alertsUrl)).alerts(run.programId(), tokens.token());
			PlanHistoryClient plans = new PlanHistoryClient(http, URI.create(plansUrl));
			for (GroundTruth patient : run.truth()) {
				planChanges.addAll(plans.changes(patient.patientId(), tokens.token()));
			}
		}
		RuleQuality.Report report = RuleQuality.compute(run.truth(), alerts, planChanges, run.safetySubmittedAt(),
				ZoneId.of(run.zone()), RuleQuality.Windows.DEFAULTS);
		System.out.printf("%d alerts and %d plan changes of program %s against the ground truth of %d patients%n",
				alerts.size(), planChanges.size(), run.programId(), run.truth().size());
		System.out.print(ReportRenderer.table(report));
		if (html != null) {
			Files.writeString(Path.of(html), ReportRenderer.html(report, "Stepwise rule quality, " + run.programId()),
					StandardCharsets.UTF_8);
			System.out.println("Chart written to " + html);
		}
	}

}
