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
 * Fetches a patient's plan history from plan-service ({@code GET
 * /api/v1/patients/{id}/plan/history}) as {@link Observed.PlanChange}s: every version
 * that changed the intensity (step up or down), automatic when plan-service made it
 * ({@code changedBy} = {@code system}), a step-down recommendation when it lowered the
 * level of care. The one place that knows plan-service's JSON.
 */
public final class PlanHistoryClient {

	private final ServiceReader planService;

	private final JsonMapper json = JsonMapper.builder().build();

	public PlanHistoryClient(HttpClient http, URI base) {
		this.planService = new ServiceReader(http, base);
	}

	/** The changes of one patient's plan; none when plan-service does not know them. */
	public List<Observed.PlanChange> changes(String patientId, Optional<String> bearerToken)
			throws IOException, InterruptedException {
		HttpResponse<String> response = this.planService.get(
				"/api/v1/patients/" + URLEncoder.encode(patientId, StandardCharsets.UTF_8) + "/plan/history",
				bearerToken);
		if (response.statusCode() == 404) {
			return List.of();
		}
		if (response.statusCode() != 200) {
			throw new IOException("plan-service answered " + response.statusCode());
		}
		return parse(patientId, response.body());
	}

	List<Observed.PlanChange> parse(String patientId, String body) {
		List<Observed.PlanChange> changes = new ArrayList<>();
		String previousLevel = null;
		for (JsonNode version : this.json.readTree(body)) {
			String direction = version.path("direction").asString();
			// the level is an object (ASAM code and edition): compare it whole
			String level = version.path("levelOfCare").toString();
			if (direction.equals("STEP_UP") || direction.equals("STEP_DOWN")) {
				boolean automatic = "system".equals(version.path("changedBy").asString());
				boolean levelLowered = direction.equals("STEP_DOWN") && previousLevel != null
						&& !previousLevel.equals(level);
				changes.add(new Observed.PlanChange(patientId, Instant.parse(version.path("occurredAt").asString()),
						automatic, levelLowered));
			}
			previousLevel = level;
		}
		return changes;
	}

}
