package org.stepwise.alert.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.alert.Alert.Transition;
import org.stepwise.alert.alert.AlertRepository;
import org.stepwise.alert.webhook.WebhookDeliveryRepository;
import org.stepwise.alert.webhook.WebhookSignature;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.audit.AuditOutcome;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.Part2Consent;
import org.stepwise.fhir.R4Validation;
import org.stepwise.fhir.SecurityLabels;
import org.stepwise.platform.audit.AuditEntry;
import org.stepwise.platform.audit.AuditLog;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The FHIR R4 interface on the service's real store and broker (the test context of
 * {@code AlertAccessMatrixTest}): alerts stored for patient P (program-a, care team
 * clinician-a1) and Q (program-b, clinician-b1) read back as Tasks and Flags, with the
 * access matrix of the JSON API, Part 2 filtering, paging, {@code _lastUpdated}, status
 * and the audit of every read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertFhirApiTest {

	static final String RUN = Long.toString(System.nanoTime());

	static final String P = "fhir-p-" + RUN;

	static final String Q = "fhir-q-" + RUN;

	/** P's alerts: open safety, acknowledged relapse risk (Part 2), resolved, LOW. */
	static final String SAFETY = "fhir-safety-" + RUN;

	static final String RELAPSE = "fhir-relapse-" + RUN;

	static final String RESOLVED = "fhir-resolved-" + RUN;

	static final String UNDER_DOSED = "fhir-under-dosed-" + RUN;

	static final String OTHER_PROGRAM = "fhir-other-" + RUN;

	static final String NONE = "";

	static final String INGEST = TestTokens.ingest("program-a", "program-b");

	static final String CLINICIAN_A1 = TestTokens.clinician("clinician-a1", "program-a");

	static final String CLINICIAN_A2 = TestTokens.clinician("clinician-a2", "program-a");

	static final String CLINICIAN_B1 = TestTokens.clinician("clinician-b1", "program-b");

	static final String ADMIN_A = TestTokens.programAdmin("program-a");

	static final String ADMIN_B = TestTokens.programAdmin("program-b");

	static final String ADMIN_A_PART2 = TestTokens.withClaim("admin-part2", List.of("program-admin"),
			List.of("program-a"), null, "scope", "openid " + Part2Consent.SCOPE);

	static final String PATIENT_P = TestTokens.patient(P, "program-a");

	/** A program with a webhook secret in the test configuration, for subscriptions. */
	static final String SUB_PROGRAM = "program-fhir-subscription";

	static final String SUB_SECRET = "test-secret-fhir";

	static final String ADMIN_SUB = TestTokens.programAdmin(SUB_PROGRAM);

	static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

	static HttpServer receiver;

	record Received(String contentType, String signature, byte[] body) {
	}

	/** When P's alerts last changed, an hour apart, oldest first. */
	static final Instant T0 = Instant.now().minus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	AlertRepository alerts;

	@Autowired
	AuditLog audit;

	@Autowired
	WebhookDeliveryRepository deliveries;

	String subscription;

	@BeforeAll
	void data() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/ehr", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.start();
		Answer created = post("/fhir/r4/Subscription", subscription(Subscriptions.CRITERIA), ADMIN_SUB,
				"subscribe-" + RUN);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		this.subscription = FhirJson.parse(created.body(), "Subscription").getIdElement().getIdPart();
		this.alerts.saveAll(List.of(alert(SAFETY, P, "program-a", "SAFETY", Severity.CRITICAL, AlertStatus.OPEN, 0),
				alert(RELAPSE, P, "program-a", "RELAPSE_RISK", Severity.HIGH, AlertStatus.ACKNOWLEDGED, 1),
				alert(RESOLVED, P, "program-a", "DISENGAGEMENT", Severity.MEDIUM, AlertStatus.RESOLVED, 2),
				alert(UNDER_DOSED, P, "program-a", "UNDER_DOSED_WEEK", Severity.LOW, AlertStatus.OPEN, 3),
				alert(OTHER_PROGRAM, Q, "program-b", "SAFETY", Severity.HIGH, AlertStatus.OPEN, 0)));
	}

	@AfterAll
	void stopReceiver() {
		receiver.stop(0);
	}

	Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		for (String path : List.of("/fhir/r4/Task?patient=" + P, "/fhir/r4/Task/" + SAFETY,
				"/fhir/r4/Flag?patient=Patient/" + P, "/fhir/r4/Flag/" + SAFETY)) {
			boolean read = !path.contains("?");
			rows.add(row(path, "no token", NONE, 401));
			rows.add(row(path, "ingest", INGEST, 403));
			rows.add(row(path, "the patient", PATIENT_P, 403));
			rows.add(row(path, "clinician, own program, own care team", CLINICIAN_A1, 200));
			// one resource not visible: 404; a search of a patient not visible: an empty
			// Bundle, as for a patient without alerts
			rows.add(row(path, "clinician, own program, other care team", CLINICIAN_A2, read ? 404 : 200));
			rows.add(row(path, "clinician, other program", CLINICIAN_B1, read ? 404 : 200));
			rows.add(row(path, "program admin, own program", ADMIN_A, 200));
			rows.add(row(path, "program admin, other program", ADMIN_B, read ? 404 : 200));
		}
		rows.add(row("/fhir/r4/Task/fhir-no-such-alert", "program admin", ADMIN_A, 404));
		// an alert that is not a risk state is no Flag
		rows.add(row("/fhir/r4/Flag/" + UNDER_DOSED, "program admin, own program", ADMIN_A, 404));
		rows.add(row("/fhir/r4/Task/" + UNDER_DOSED, "program admin, own program", ADMIN_A, 200));
		// Part 2: only with the scope
		rows.add(row("/fhir/r4/Task/" + RELAPSE, "program admin, no Part 2 scope", ADMIN_A, 404));
		rows.add(row("/fhir/r4/Flag/" + RELAPSE, "program admin, no Part 2 scope", ADMIN_A, 404));
		rows.add(row("/fhir/r4/Task/" + RELAPSE, "program admin, Part 2 scope", ADMIN_A_PART2, 200));
		rows.add(row("/fhir/r4/Flag/" + RELAPSE, "program admin, Part 2 scope", ADMIN_A_PART2, 200));
		// searches: the patient is required, parameters are checked
		rows.add(row("/fhir/r4/Task", "program admin, no patient", ADMIN_A, 400));
		rows.add(row("/fhir/r4/Flag?patient=" + P + "&_count=1000", "program admin, _count too large", ADMIN_A, 400));
		rows.add(row("/fhir/r4/Task?patient=" + P + "&status=open", "program admin, unknown status", ADMIN_A, 400));
		// subscriptions: the program's admins
		String subscription = "/fhir/r4/Subscription/" + this.subscription;
		rows.add(row(subscription, "no token", NONE, 401));
		rows.add(row(subscription, "clinician", CLINICIAN_A1, 403));
		rows.add(row(subscription, "program admin, its program", ADMIN_SUB, 200));
		rows.add(row(subscription, "program admin, other program", ADMIN_A, 404));
		// what the interface supports: open, like the OpenAPI document
		rows.add(row("/fhir/r4/metadata", "no token", NONE, 200));
		rows.add(row("/fhir/r4/Patient/" + P, "program admin", ADMIN_A, 403));
		return rows.stream();
	}

	@ParameterizedTest(name = "GET {0} as {1}: {3}")
	@MethodSource("matrix")
	void eachFhirEndpointAnswersEachCallerAsTheJsonApiDoes(String path, String who, String token, int expected) {
		Answer answer = get(path, token);

		assertThat(answer.status()).as("GET %s as %s: %s", path, who, answer.body()).isEqualTo(expected);
		if (expected == 200 || expected == 400 || expected == 404) {
			assertThat(answer.contentType()).startsWith("application/fhir+json");
		}
		if (expected == 400 || expected == 404) {
			assertThat(answer.body()).contains("\"resourceType\":\"OperationOutcome\"");
		}
		if (expected == 401 || expected == 403) {
			// refused by the security chain, before any FHIR code: problem details
			assertThat(answer.contentType()).isEqualTo("application/problem+json");
		}
		if (expected >= 400) {
			assertThat(answer.body()).doesNotContain(P, Q, "=open", "1000");
		}
		if (expected == 200 && path.contains("?") && List.of(CLINICIAN_A2, CLINICIAN_B1, ADMIN_B).contains(token)) {
			assertThat(bundle(answer).getTotal()).isZero();
		}
	}

	/**
	 * The patient's alerts as Tasks and risk states as Flags, each valid R4: the Part 2
	 * relapse risk only with the scope, and then labelled; by status.
	 */
	@Test
	void searchesReturnValidResourcesAndPart2OnlyWithTheScope() {
		Bundle tasks = search("/fhir/r4/Task?patient=" + P, ADMIN_A);
		Bundle tasksPart2 = search("/fhir/r4/Task?patient=" + P, ADMIN_A_PART2);
		Bundle flags = search("/fhir/r4/Flag?patient=" + P, ADMIN_A);
		Bundle flagsPart2 = search("/fhir/r4/Flag?patient=" + P, ADMIN_A_PART2);
		Bundle active = search("/fhir/r4/Flag?patient=" + P + "&status=active", ADMIN_A_PART2);
		Bundle openTasks = search("/fhir/r4/Task?patient=" + P + "&status=requested,accepted", ADMIN_A);

		// in the order of their last update
		assertThat(ids(tasks)).containsExactly(SAFETY, RESOLVED, UNDER_DOSED);
		assertThat(ids(tasksPart2)).containsExactly(SAFETY, RELAPSE, RESOLVED, UNDER_DOSED);
		assertThat(ids(flags)).containsExactly(SAFETY, RESOLVED);
		assertThat(ids(flagsPart2)).containsExactly(SAFETY, RELAPSE, RESOLVED);
		assertThat(ids(active)).containsExactly(SAFETY, RELAPSE);
		assertThat(ids(openTasks)).containsExactly(SAFETY, UNDER_DOSED);
		for (Bundle bundle : List.of(tasksPart2, flagsPart2)) {
			assertThat(R4Validation.errors(bundle)).isEmpty();
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				Resource resource = entry.getResource();
				assertThat(R4Validation.errors(resource)).as(resource.getIdPart()).isEmpty();
				assertThat(entry.getFullUrl()).endsWith("/fhir/r4/" + resource.fhirType() + "/" + resource.getIdPart());
				assertThat(SecurityLabels.isPart2(resource.getMeta())).isEqualTo(resource.getIdPart().equals(RELAPSE));
			}
		}
		Task relapse = (Task) tasksPart2.getEntry().get(1).getResource();
		assertThat(relapse.getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
		assertThat(relapse.getOwner().getReference()).isEqualTo("Practitioner/clinician-a1");
		assertThat(relapse.getFor().getReference()).isEqualTo("Patient/" + P);
		Flag resolved = (Flag) flags.getEntry().get(1).getResource();
		assertThat(resolved.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
		assertThat(resolved.getPeriod().hasEnd()).isTrue();
	}

	@Test
	void aReadIsTheResourceTheSearchFinds() {
		Answer task = get("/fhir/r4/Task/" + SAFETY, CLINICIAN_A1);
		Answer flag = get("/fhir/r4/Flag/" + SAFETY, CLINICIAN_A1);

		Task read = (Task) FhirJson.parse(task.body(), "Task");
		assertThat(read.getIdPart()).isEqualTo(SAFETY);
		assertThat(read.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
		assertThat(read.getPriority()).isEqualTo(Task.TaskPriority.STAT);
		assertThat(R4Validation.errors(read)).isEmpty();
		Flag readFlag = (Flag) FhirJson.parse(flag.body(), "Flag");
		assertThat(readFlag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
		assertThat(R4Validation.errors(readFlag)).isEmpty();
	}

	/** Pages are stable: following the next links gives every match once, in order. */
	@Test
	void pagesFollowOneAnotherAndLastUpdatedNarrows() {
		Bundle first = search("/fhir/r4/Task?patient=" + P + "&_count=2", ADMIN_A_PART2);
		assertThat(first.getTotal()).isEqualTo(4);
		assertThat(ids(first)).containsExactly(SAFETY, RELAPSE);
		String next = first.getLink("next").getUrl();
		assertThat(next).contains("_offset=2").contains("_count=2");
		Bundle second = search(URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery(), ADMIN_A_PART2);
		assertThat(ids(second)).containsExactly(RESOLVED, UNDER_DOSED);
		assertThat(second.getLink("next")).isNull();

		String after = URLEncoder.encode("gt" + T0.plusSeconds(1800), StandardCharsets.UTF_8);
		String until = URLEncoder.encode("le" + T0.plusSeconds(2 * 3600), StandardCharsets.UTF_8);
		assertThat(ids(search("/fhir/r4/Task?patient=" + P + "&_lastUpdated=" + after + "&_lastUpdated=" + until,
				ADMIN_A_PART2)))
			.containsExactly(RELAPSE, RESOLVED);
		assertThat(ids(search("/fhir/r4/Flag?patient=" + P + "&_lastUpdated=" + after, ADMIN_A)))
			.containsExactly(RESOLVED);
	}

	/**
	 * Every read is audited as the JSON API's ({@code alert.read}): allowed, refused (not
	 * visible, or Part 2 without the scope), and a search of a patient not visible.
	 */
	@Test
	void everyReadIsAudited() {
		Instant from = Instant.now().minusSeconds(1);
		get("/fhir/r4/Task?patient=" + P, CLINICIAN_A1);
		get("/fhir/r4/Flag/" + SAFETY, CLINICIAN_A2);
		get("/fhir/r4/Task/" + RELAPSE, CLINICIAN_A1);
		get("/fhir/r4/Flag?patient=" + P, ADMIN_B);
		get("/fhir/r4/Flag/" + RELAPSE, ADMIN_A_PART2);

		List<AuditEntry> records = this.audit.find("program-a", P, from, Instant.now().plusSeconds(1), 100);
		assertThat(records).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::outcome)
			.contains(tuple("clinician-a1", "alert.read", AuditOutcome.ALLOWED),
					tuple("clinician-a2", "alert.read", AuditOutcome.DENIED),
					tuple("clinician-a1", "alert.read", AuditOutcome.DENIED),
					tuple("admin-program-b", "alert.read", AuditOutcome.DENIED),
					tuple("admin-part2", "alert.read", AuditOutcome.ALLOWED));
		assertThat(records).allSatisfy((entry) -> assertThat(entry.service()).isEqualTo("alert-service"));
	}

	/**
	 * A program admin subscribes an EHR: a new alert of the program arrives as a signed,
	 * valid Communication; a Part 2 alert does not (the subscription was created without
	 * the scope). Creating is idempotent, and what cannot be taken names the element.
	 */
	@Test
	void aSubscriptionDeliversNewAlertsAsSignedCommunicationsWithoutPart2() throws Exception {
		Answer retry = post("/fhir/r4/Subscription", subscription(Subscriptions.CRITERIA), ADMIN_SUB,
				"subscribe-" + RUN);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(FhirJson.parse(retry.body(), "Subscription").getIdElement().getIdPart())
			.isEqualTo(this.subscription);
		Answer otherProgram = post("/fhir/r4/Subscription",
				subscription(Subscriptions.CRITERIA).replace("\"status\"", "\"extension\":[{\"url\":\""
						+ Subscriptions.PROGRAM_EXTENSION + "\",\"valueString\":\"" + SUB_PROGRAM + "\"}],\"status\""),
				ADMIN_A, null);
		assertThat(otherProgram.status()).isEqualTo(404);
		Answer wrongCriteria = post("/fhir/r4/Subscription", subscription("Patient?name=x"), ADMIN_SUB, null);
		assertThat(wrongCriteria.status()).isEqualTo(422);
		assertThat(wrongCriteria.body()).contains("Subscription.criteria").doesNotContain("name=x");
		Answer clinician = post("/fhir/r4/Subscription", subscription(Subscriptions.CRITERIA), CLINICIAN_A1, null);
		assertThat(clinician.status()).isEqualTo(403);

		String patient = "fhir-sub-patient-" + RUN;
		String part2 = "fhir-sub-craving-" + RUN;
		String safety = "fhir-sub-safety-" + RUN;
		Instant now = Instant.now();
		// same patient, same partition, in order: once the safety alert is delivered,
		// the craving alert was seen and left out
		TestEvents.publish(EventEnvelope.of("/test", new AlertRaised(part2, SUB_PROGRAM, patient, "CRAVING",
				Severity.MEDIUM, "PACS 18 on 2026-03-01", Map.of(), List.of(), List.of(), now), now));
		TestEvents.publish(EventEnvelope.of("/test", new AlertRaised(safety, SUB_PROGRAM, patient, "SAFETY",
				Severity.CRITICAL, "S2 C-SSRS emergent", Map.of(), List.of("clinician-s1"), List.of(), now), now));

		Received received = await().atMost(Duration.ofSeconds(30))
			.until(() -> RECEIVED.stream()
				.filter((r) -> new String(r.body(), StandardCharsets.UTF_8).contains(safety))
				.findFirst(), Optional::isPresent)
			.get();
		assertThat(received.contentType()).isEqualTo("application/fhir+json");
		assertThat(received.signature()).isEqualTo(WebhookSignature.sign(SUB_SECRET, received.body()));
		Communication communication = (Communication) FhirJson
			.parse(new String(received.body(), StandardCharsets.UTF_8), "Communication");
		assertThat(R4Validation.errors(communication)).isEmpty();
		assertThat(communication.getAboutFirstRep().getReference()).isEqualTo("Task/" + safety);
		assertThat(communication.getSubject().getReference()).isEqualTo("Patient/" + patient);
		assertThat(communication.getPriority()).isEqualTo(Communication.CommunicationPriority.STAT);
		assertThat(RECEIVED).noneMatch((r) -> new String(r.body(), StandardCharsets.UTF_8).contains(part2));
		assertThat(this.deliveries.findByAlertIdOrderByCreatedAtDesc(part2, PageRequest.of(0, 10))).isEmpty();
		// creating and reading are audited under the program
		assertThat(
				this.audit.find(SUB_PROGRAM, null, Instant.now().minusSeconds(600), Instant.now().plusSeconds(1), 100))
			.extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::outcome)
			.contains(tuple("admin-" + SUB_PROGRAM, "subscription.create", AuditOutcome.ALLOWED),
					tuple("admin-program-a", "subscription.create", AuditOutcome.DENIED));
	}

	/** The CapabilityStatement lists exactly the resources, interactions and params. */
	@Test
	void metadataListsWhatIsSupported() {
		Answer answer = get("/fhir/r4/metadata", NONE);
		CapabilityStatement statement = (CapabilityStatement) FhirJson.parse(answer.body(), "CapabilityStatement");

		assertThat(R4Validation.errors(statement)).isEmpty();
		assertThat(statement.getRestFirstRep().getResource())
			.extracting(CapabilityStatementRestResourceComponent::getType)
			.containsExactly("Task", "Flag", "Subscription");
		assertThat(statement.getRestFirstRep().getResource().get(2).getInteraction())
			.extracting((i) -> i.getCode().toCode())
			.containsExactly("create", "read");
		for (CapabilityStatementRestResourceComponent resource : statement.getRestFirstRep()
			.getResource()
			.subList(0, 2)) {
			assertThat(resource.getInteraction()).extracting((i) -> i.getCode().toCode())
				.containsExactly("read", "search-type");
			assertThat(resource.getSearchParam()).extracting((p) -> p.getName())
				.containsExactlyInAnyOrder("patient", "status", "_lastUpdated", "_count", "_offset");
		}
		assertThat(statement.getRestFirstRep().getInteraction()).isEmpty();
	}

	/**
	 * An alert stored {@code hours} after T0: raised then, and for an acknowledged or
	 * resolved one acknowledged by clinician-a1 (and resolved) at the same time.
	 */
	static Alert alert(String id, String patient, String program, String kind, Severity severity, AlertStatus status,
			int hours) {
		Instant at = T0.plusSeconds(hours * 3600L);
		List<Transition> history = new ArrayList<>();
		history.add(new Transition("RAISED", AlertStatus.OPEN, severity, "system", at, null));
		if (status != AlertStatus.OPEN) {
			history.add(new Transition("ACKNOWLEDGED", AlertStatus.ACKNOWLEDGED, severity, "clinician-a1", at, null));
		}
		if (status == AlertStatus.RESOLVED) {
			history.add(new Transition("RESOLVED", status, severity, "clinician-a1", at, "called, plan reviewed"));
		}
		String clinician = program.equals("program-a") ? "clinician-a1" : "clinician-b1";
		return new Alert(id, program, patient, kind, severity, status, "What the rules saw, in words", Map.of(),
				List.of(clinician), List.of(), 1L, at, at, history, null, null, null, 0, null, List.of());
	}

	static String subscription(String criteria) {
		return "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"New alerts for the EHR\","
				+ "\"criteria\":\"" + criteria
				+ "\",\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"http://127.0.0.1:"
				+ receiver.getAddress().getPort() + "/ehr\",\"payload\":\"application/fhir+json\"}}";
	}

	static Bundle bundle(Answer answer) {
		return (Bundle) FhirJson.parse(answer.body(), "Bundle");
	}

	private Bundle search(String path, String token) {
		Answer answer = get(path, token);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return bundle(answer);
	}

	static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().map((entry) -> entry.getResource().getIdPart()).toList();
	}

	private static Arguments row(String path, String who, String token, int expected) {
		return Arguments.of(path, who, token, expected);
	}

	record Answer(int status, String contentType, String body) {
	}

	private Answer post(String path, String body, String token, String key) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/fhir+json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return send(request);
	}

	private Answer get(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", "application/fhir+json")
			.GET();
		if (!token.isEmpty()) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
