package org.stepwise.simulator.report;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches a program's alerts from alert-service
 * ({@code GET /api/v1/alerts?programId=...}) as {@link Observed.Alert}s. The one place
 * that knows alert-service's JSON.
 */
public final class AlertsClient {

	/**
	 * Epoch milliseconds of 2000-01-01: a smaller source revision is a counter, not a
	 * time.
	 */
	private static final long EPOCH_MILLIS_2000 = 946_684_800_000L;

	private final ServiceReader alertService;

	private final JsonMapper json = JsonMapper.builder().build();

	public AlertsClient(HttpClient http, URI base) {
		this.alertService = new ServiceReader(http, base);
	}

	public List<Observed.Alert> alerts(String programId, Optional<String> bearerToken)
			throws IOException, InterruptedException {
		HttpResponse<String> response = this.alertService
			.get("/api/v1/alerts?programId=" + URLEncoder.encode(programId, StandardCharsets.UTF_8), bearerToken);
		if (response.statusCode() != 200) {
			throw new IOException("alert-service answered " + response.statusCode());
		}
		return parse(response.body());
	}

	/**
	 * Alerts from alert-service's JSON. The clinical time of the evidence is the
	 * relapse-risk alert's {@code firstAssessedAt} value (plan-service's clinical time
	 * when it first assessed the risk HIGH), else the alert's {@code sourceRevision} when
	 * that is a time (alert-service: "the revision (progress) or clinical time in epoch
	 * milliseconds"), else the time it was raised.
	 */
	List<Observed.Alert> parse(String body) {
		List<Observed.Alert> alerts = new ArrayList<>();
		for (JsonNode node : this.json.readTree(body)) {
			Instant raised = Instant.parse(node.path("raisedAt").asString());
			long revision = node.path("sourceRevision").asLong(0);
			String firstAssessed = node.path("values").path("firstAssessedAt").asString();
			Instant clinical = !firstAssessed.isEmpty() ? Instant.parse(firstAssessed)
					: (revision >= EPOCH_MILLIS_2000) ? Instant.ofEpochMilli(revision) : raised;
			alerts.add(new Observed.Alert(node.path("patientId").asString(), node.path("kind").asString(),
					node.path("severity").asString(), clinical, raised));
		}
		return alerts;
	}

}
