package org.stepwise.alert.alert;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.alert.careteam.CareTeamRepository;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing on the real broker and database: the care team learned from plan events travels
 * with the patient's alerts and feeds the per-clinician stream; step-down readiness waits
 * while a safety alert is open; a recommendation awaiting approval is an alert until a
 * clinician decides it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class RoutingTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Instant AT = Instant.now().minus(2, ChronoUnit.HOURS);

	@LocalServerPort
	int port;

	@Autowired
	AlertRepository alerts;

	@Autowired
	CareTeamRepository careTeams;

	@Autowired
	AlertLifecycle lifecycle;

	@Autowired
	MeterRegistry meters;

	@Test
	void theCareTeamFromThePlanRoutesAlertsToTheClinicianStream() throws Exception {
		String patient = "patient-" + System.nanoTime();
		String clinician = "clinician-" + System.nanoTime();
		TestEvents.publish(plan(patient, 1, List.of("clinician-old")));
		TestEvents.publish(plan(patient, 2, List.of(clinician, "clinician-2")));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.careTeams.findById(patient).map((team) -> team.planVersion() == 2).orElse(false));

		HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient()
			.send(request("/api/v1/alerts/stream?clinicianId=" + clinician,
					TestTokens.clinician(clinician, "program-a"))
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
		assertThat(lines.readLine()).isEqualTo(":connected");
		CompletableFuture<JsonNode> received = CompletableFuture.supplyAsync(() -> firstAlert(lines));

		TestEvents.publish(safetyPhq9(patient));

		// Only alerts routed to this clinician reach the stream: the first is this one.
		JsonNode alert = received.get(20, TimeUnit.SECONDS);
		assertThat(alert.get("patientId").asString()).isEqualTo(patient);
		assertThat(alert.get("careTeam").valueStream().map(JsonNode::asString)).containsExactly(clinician,
				"clinician-2");
		stream.body().close();

		// The open-alerts gauge counts the store: at least this HIGH alert.
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			double gauge = this.meters.get("stepwise.alerts.open").tag("severity", "HIGH").gauge().value();
			return gauge >= 1 && gauge == this.alerts.countByStatusAndSeverity(AlertStatus.OPEN, Severity.HIGH);
		});

		// A later plan re-routes the active alert.
		TestEvents.publish(plan(patient, 3, List.of("clinician-3")));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient).get(0).careTeam(),
					(team) -> team.equals(List.of("clinician-3")));
		assertThat(this.alerts.findByPatientIdOrderByRaisedAtDesc(patient).get(0).history())
			.extracting(Alert.Transition::change)
			.containsExactly("RAISED", "ROUTED");
	}

	@Test
	void stepDownReadinessWaitsWhileASafetyAlertIsOpenAndRecommendationsResolveWhenDecided() {
		String patient = "patient-" + System.nanoTime();
		TestEvents.publish(safetyPhq9(patient));
		Alert safety = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient), (list) -> !list.isEmpty())
			.get(0);
		TestEvents.publish(progress(patient, 1,
				new SignalFired("S7", "CRAVING", Severity.LOW, "craving 8/10 twice", Map.of(), AT)));
		TestEvents.publish(recommendation(patient, "rec-1"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> kinds(patient), (kinds) -> kinds.containsAll(List.of("RECOMMENDATION_STEP_DOWN", "CRAVING")));
		// The same assessment said step-down ready: inhibited by the open safety alert.
		assertThat(kinds(patient)).doesNotContain(AlertBook.STEP_DOWN_READY);

		this.lifecycle.acknowledge(safety.id(), "clinician-1", null);
		this.lifecycle.resolve(safety.id(), "clinician-1", "Safety plan reviewed with the patient");
		TestEvents.publish(progress(patient, 2));
		TestEvents.publish(EventEnvelope.of("/test", new RecommendationDecided("rec-1", "plan-" + patient, "program-a",
				patient, true, "clinician-1", Instant.now()), Instant.now()));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> kinds(patient), (kinds) -> kinds.contains("STEP_DOWN_READY"));
		assertThat(byKind(patient, "CRAVING").status()).isEqualTo(AlertStatus.AUTO_RESOLVED);
		Alert decided = await().atMost(Duration.ofSeconds(20))
			.until(() -> byKind(patient, "RECOMMENDATION_STEP_DOWN"),
					(alert) -> alert.status() == AlertStatus.RESOLVED);
		assertThat(decided.history()).last().extracting(Alert.Transition::by).isEqualTo("clinician-1");
		assertThat(decided.evidence())
			.isEqualTo("Recommended STEP_DOWN 2.1 -> 1.0, awaiting approval: 28 days abstinent");
		assertThat(byKind(patient, AlertBook.STEP_DOWN_READY).severity()).isEqualTo(Severity.LOW);
		// No plan for this patient: the progress events' care team routes, and routed the
		// safety alert raised before it was known.
		assertThat(this.careTeams.findById(patient).orElseThrow().members()).containsExactly("clinician-1");
		assertThat(byKind(patient, AlertBook.STEP_DOWN_READY).careTeam()).containsExactly("clinician-1");
		assertThat(this.alerts.findById(safety.id()).orElseThrow().careTeam()).containsExactly("clinician-1");
	}

	private List<String> kinds(String patient) {
		return this.alerts.findByPatientIdOrderByRaisedAtDesc(patient).stream().map(Alert::kind).toList();
	}

	private Alert byKind(String patient, String kind) {
		return this.alerts.findByPatientIdOrderByRaisedAtDesc(patient)
			.stream()
			.filter((alert) -> alert.kind().equals(kind))
			.findFirst()
			.orElseThrow();
	}

	/** The one place requests are built, with the caller's bearer token. */
	private HttpRequest.Builder request(String path, String token) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + token);
	}

	private static JsonNode firstAlert(BufferedReader lines) {
		try {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("data:")) {
					return JSON.readTree(line.substring("data:".length()));
				}
			}
			throw new AssertionError("stream ended");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static EventEnvelope<PlanChanged> plan(String patient, int version, List<String> careTeam) {
		return EventEnvelope.of("/test",
				new PlanChanged("plan-" + patient, "program-a", patient, version, new LevelOfCare("2.1", 4), false,
						new BigDecimal("9"), 3, careTeam, PlanMode.AUTOMATIC, false, LocalDate.of(2026, 3, 1),
						ChangeDirection.ENROLLED, "system", List.of(), "test", AT.plusSeconds(version)),
				Instant.now());
	}

	static EventEnvelope<AssessmentScored> safetyPhq9(String patient) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 1; i <= 8; i++) {
			items.put(Integer.toString(i), 1);
		}
		items.put("9", 1);
		return EventEnvelope.of("/test", new AssessmentScored("assessment-" + System.nanoTime(), "program-a", patient,
				Instrument.PHQ9, items, 9, Map.of(), "mild", List.of(), SafetyLevel.HIGH, Set.of(), AT, AT),
				Instant.now());
	}

	private static EventEnvelope<ProgressAssessed> progress(String patient, long revision, SignalFired... signals) {
		return EventEnvelope.of("/test",
				new ProgressAssessed("program-a", patient, revision, RiskLevel.LOW, true, List.of(signals),
						List.of("clinician-1"), List.of("event-" + revision), "test", AT.plusSeconds(revision)),
				Instant.now());
	}

	private static EventEnvelope<RecommendationMade> recommendation(String patient, String id) {
		return EventEnvelope.of("/test",
				new RecommendationMade(id, "plan-" + patient, "program-a", patient, RecommendationKind.STEP_DOWN,
						new LevelOfCare("2.1", 4), new LevelOfCare("1.0", 4),
						List.of(new Reason("STEP_DOWN_READY", "28 days abstinent", Map.of())), List.of("clinician-1"),
						"test", AT),
				Instant.now());
	}

}
