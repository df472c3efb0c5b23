package org.stepwise.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.localstack.ops.Ops;
import org.stepwise.testsupport.TopicProbe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton end to end, through the real local stack: a KRaft broker, the
 * durable store and the four services in their own JVMs. Two missed sessions recorded
 * over HTTP at attendance-service become a progress assessment from plan-service and a
 * DISENGAGEMENT alert in alert-service; attending again auto-resolves it; daily check-ins
 * sliding toward use raise an early relapse-risk alert on the clinician's live stream
 * before any use; a daytime heart rate of 48 in an adolescent eating-disorder program is
 * a CRITICAL alert on the live stream with a same-day step-up recommendation; a clinician
 * works through the console's caseload and patient page in Chromium on what the services
 * made of real data ({@link PatientPageJourney}); an EHR exchanges FHIR R4 with the
 * services; the data survives a backup of the stopped stack restored into a fresh data
 * directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackTest {

	@TempDir
	static Path dataDir;

	static LocalStack stack;

	static StackOptions options;

	static final String PATIENT = "patient-e2e-" + System.nanoTime();

	static final String SLIDING_PATIENT = "patient-e2e-sliding-" + System.nanoTime();

	static final String ED_PATIENT = "patient-e2e-ed-" + System.nanoTime();

	static final String FHIR_PATIENT = "patient-e2e-fhir-" + System.nanoTime();

	static final HttpClient http = HttpClient.newHttpClient();

	static PatientPageJourney console;

	/** Where the stack runs after the backup is restored (test 3 on). */
	static Path restoredDir;

	static final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() throws Exception {
		options = TestStacks.onFreePorts(dataDir);
		stack = new LocalStack(options);
		stack.start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void everyServiceIsHealthyAndServesMetricsAndOpenApi() throws Exception {
		for (ServiceSpec service : options.services()) {
			String base = "http://127.0.0.1:" + service.port();
			assertThat(get(base + "/actuator/health").get("status").asString()).isEqualTo("UP");
			assertThat(get(base + "/actuator/health/liveness").get("status").asString()).isEqualTo("UP");
			assertThat(get(base + "/v3/api-docs").get("openapi").asString()).startsWith("3.");
			assertThat(send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build()).body())
				.contains("application=\"" + service.name() + "\"");
		}
	}

	/**
	 * Issue 21: the services and the identity provider listened on every interface. A
	 * connection to another address of this machine must be refused; on a machine with
	 * only loopback, 127.0.0.2 stands in for it (Linux answers the whole 127/8 on
	 * loopback, but a socket bound to 127.0.0.1 only that one address).
	 */
	@Test
	@Order(1)
	void theServicesAndTheProviderRefuseConnectionsOnOtherAddressesOfThisMachine() throws Exception {
		InetAddress other = nonLoopbackAddress().orElse(InetAddress.getByName("127.0.0.2"));
		List<ServiceSpec> listening = new ArrayList<>(options.services());
		listening.add(options.identityProvider());
		for (ServiceSpec service : listening) {
			try (Socket socket = new Socket()) {
				assertThatExceptionOfType(ConnectException.class)
					.as("%s accepts connections on %s, not only on loopback", service.name(), other.getHostAddress())
					.isThrownBy(() -> socket.connect(new InetSocketAddress(other, service.port()), 2000));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), service.port()), 2000);
				assertThat(socket.isConnected()).as("%s on loopback", service.name()).isTrue();
			}
		}
	}

	/** An up, non-loopback IPv4 address of this machine, if it has one. */
	private static java.util.Optional<InetAddress> nonLoopbackAddress() throws IOException {
		return NetworkInterface.networkInterfaces().filter((network) -> {
			try {
				return network.isUp() && !network.isLoopback();
			}
			catch (java.net.SocketException ex) {
				return false;
			}
		})
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst();
	}

	@Test
	@Order(1)
	void theStackIsSecureByDefault() throws Exception {
		for (ServiceSpec service : options.services()) {
			String api = "http://127.0.0.1:" + service.port() + "/api/v1/audit";
			HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(api)).build());
			assertThat(anonymous.statusCode()).as(service.name()).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(api))
				.header("Authorization", "Bearer " + tampered(ingestToken()))
				.build());
			assertThat(forged.statusCode()).as(service.name()).isEqualTo(401);
			// a real token of the stack's provider: a clinician may not read the audit
			// log, its program admin may
			HttpResponse<String> clinician = send(HttpRequest.newBuilder(URI.create(api))
				.header("Authorization", "Bearer " + clinicianToken())
				.build());
			assertThat(clinician.statusCode()).as(service.name()).isEqualTo(403);
			HttpResponse<String> admin = send(HttpRequest.newBuilder(URI.create(api))
				.header("Authorization", "Bearer " + token("admin-a", "demo"))
				.build());
			assertThat(admin.statusCode()).as(service.name()).isEqualTo(200);
		}
	}

	@Test
	@Order(2)
	void missedSessionsBecomeADisengagementAlertThatClearsWhenThePatientReturns() throws Exception {
		try (TopicProbe progress = TopicProbe.from(bootstrap(), Topics.PROGRESS)) {
			Instant monday = Instant.now()
				.truncatedTo(ChronoUnit.DAYS)
				.minus(7, ChronoUnit.DAYS)
				.plusSeconds(18 * 3600);
			recordAttendance(scheduleSession(monday), "NO_SHOW");
			recordAttendance(scheduleSession(monday.plus(2, ChronoUnit.DAYS)), "NO_SHOW");

			// The first assessments may carry only the early warning (a patient without
			// check-ins): the one with a signal is the disengagement.
			ProgressAssessed disengaged = await().atMost(Duration.ofSeconds(30))
				.until(() -> progress.quietFor(PATIENT, Duration.ofMillis(200))
					.stream()
					.map((event) -> (ProgressAssessed) event.data())
					.filter((assessed) -> !assessed.signals().isEmpty())
					.findFirst()
					.orElse(null), (assessed) -> assessed != null);
			assertThat(disengaged.riskLevel()).isEqualTo(RiskLevel.MODERATE);
			assertThat(disengaged.signals()).singleElement().satisfies((signal) -> {
				assertThat(signal.id()).isEqualTo("S9");
				assertThat(signal.values()).containsEntry("consecutiveNoShows", "2");
			});
			JsonNode alert = awaitAlert("DISENGAGEMENT", "OPEN");
			assertThat(alert.get("severity").asString()).isEqualTo("MEDIUM");
			assertThat(alert.get("evidence").asString()).isEqualTo("2 unexcused no-shows in a row");

			recordAttendance(scheduleSession(monday.plus(3, ChronoUnit.DAYS)), "ATTENDED");

			assertThat(awaitAlert("DISENGAGEMENT", "AUTO_RESOLVED").get("id").asString())
				.isEqualTo(alert.get("id").asString());
			await().atMost(Duration.ofSeconds(30))
				.until(() -> progress.quietFor(PATIENT, Duration.ofMillis(200)).getLast(),
						(event) -> ((ProgressAssessed) event.data()).signals().isEmpty());
		}
	}

	/**
	 * docs/clinical-rules.md section 3b: twelve daily check-ins, no use reported on any,
	 * the last five with craving climbing to 9, confidence falling to 1, mood and sleep
	 * down, stress up and a high-risk situation coming. Submitted at once with their past
	 * clinical times; plan-service assesses on the wall clock, so the final picture is
	 * today's, and the early warning, not a report of use, raises the alert.
	 */
	@Test
	@Order(2)
	void checkInsSlidingTowardUseRaiseAnEarlyRelapseRiskAlertOnTheLiveStreamBeforeAnyUse() throws Exception {
		try (AlertStream stream = AlertStream.open(service("alert-service"), "program-a", clinicianToken())) {
			List<JsonNode> streamed = stream.alerts();
			HttpResponse<String> enrolled = postAs(service("plan-service") + "/api/v1/plans", """
					{"patientId":"%s","programId":"program-a","levelOfCare":{"code":"2.1","edition":3},
					 "adolescent":false,"weeklyHours":9,"sessionsPerWeek":3,"modalities":["CBT"],
					 "careTeam":["clinician-a1"],"mode":"AUTOMATIC","startDate":"%s"}""".formatted(SLIDING_PATIENT,
					LocalDate.now(ZoneOffset.UTC).minusDays(12)), token("admin-a", "demo"));
			assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
			int[] craving = { 1, 1, 2, 1, 2, 1, 2, 4, 6, 7, 8, 9 };
			int[] confidence = { 9, 9, 8, 9, 9, 8, 9, 6, 4, 3, 2, 1 };
			int[] mood = { 7, 7, 6, 7, 7, 7, 7, 5, 4, 3, 3, 2 };
			int[] stress = { 3, 3, 3, 2, 3, 3, 3, 5, 6, 7, 8, 9 };
			double[] sleep = { 7.5, 7.5, 7, 7.5, 7.5, 7, 7.5, 6.5, 6, 5.5, 5, 4.5 };
			Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			for (int day = 0; day < craving.length; day++) {
				boolean situation = day >= craving.length - 2;
				String body = """
						{"patientId":"%s","programId":"program-a","occurredAt":"%s","mood":%d,"craving":%d,
						 "usedSinceLastCheckIn":false,"sleepHours":%s,"stress":%d,"medicationTakenAsPrescribed":true,
						 "confidence":%d,"highRiskSituation":%s%s}""".formatted(SLIDING_PATIENT,
						now.minus(craving.length - 1 - day, ChronoUnit.DAYS).minus(2, ChronoUnit.HOURS), mood[day],
						craving[day], sleep[day], stress[day], confidence[day], situation,
						situation ? ",\"highRiskCategory\":\"CELEBRATION\"" : "");
				HttpResponse<String> submitted = post(service("assessment-service") + "/api/v1/check-ins", body);
				assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
			}

			JsonNode alert = await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> streamed.stream()
					.filter((a) -> a.get("patientId").asString().equals(SLIDING_PATIENT)
							&& a.get("kind").asString().equals("RELAPSE_RISK")
							&& a.get("evidence").asString().contains("craving")
							&& a.get("evidence").asString().contains("confidence"))
					.reduce((first, second) -> second)
					.orElse(null), (found) -> found != null);
			assertThat(alert.get("status").asString()).isEqualTo("OPEN");
			assertThat(alert.get("severity").asString()).isIn("MEDIUM", "HIGH");
			assertThat(alert.get("evidence").asString()).startsWith("Early warning: lapse risk ");
			JsonNode values = alert.get("values");
			assertThat(values.get("lapseRiskLevel").asString()).isIn("ELEVATED", "HIGH");
			assertThat(values.get("riskLevel").asString()).as("no use: the rules' relapse risk is not HIGH")
				.isNotEqualTo("HIGH");
			assertThat(values.get("drivers").asString()).containsPattern("craving(Level|Rise)")
				.containsPattern("(lowConfidence|confidenceDrop)");
			assertThat(values.get("lapseRiskModel").asString()).isNotBlank();
			// one relapse-risk alert for the patient, updated in place, and no use alert
			JsonNode stored = get(service("alert-service") + "/api/v1/alerts?patientId=" + SLIDING_PATIENT);
			assertThat(stored.valueStream().filter((a) -> a.get("kind").asString().equals("RELAPSE_RISK")))
				.singleElement()
				.satisfies((a) -> assertThat(a.get("id").asString()).isEqualTo(alert.get("id").asString()));
			assertThat(stored.valueStream().map((a) -> a.get("kind").asString())).doesNotContain("SUBSTANCE_USE");
		}
	}

	/**
	 * Issue 22 item 3, docs/clinical-rules.md section 8: program-b's admin declares it an
	 * adolescent eating-disorder program; an adolescent enrolled at IOP has a daytime
	 * heart rate of 48 recorded at assessment-service. plan-service reads it as medical
	 * instability and alert-service puts a CRITICAL alert on the clinician's live stream,
	 * with the recommendation of the next level of care, made the same day.
	 */
	@Test
	@Order(2)
	void aLowDaytimeHeartRateInAnEatingDisorderProgramIsACriticalAlertWithASameDayStepUp() throws Exception {
		String adminB = token("admin-b", "demo");
		HttpResponse<String> typed = send(
				HttpRequest.newBuilder(URI.create(service("plan-service") + "/api/v1/programs/program-b"))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + adminB)
					.PUT(HttpRequest.BodyPublishers.ofString(
							"""
									{"name":"Demo adolescent eating-disorder IOP","type":"EATING_DISORDER","timeZone":"America/New_York",
									 "population":"ADOLESCENT","onCallClinicianId":"clinician-b-oncall",
									 "types":["EATING_DISORDER","ADOLESCENT"]}"""))
					.build());
		assertThat(typed.statusCode()).as(typed.body()).isEqualTo(200);
		java.time.ZoneId zone = java.time.ZoneId.of("America/New_York");
		String clinicianB = token("clinician-b1", "demo");
		try (AlertStream stream = AlertStream.open(service("alert-service"), "program-b", clinicianB)) {
			HttpResponse<String> enrolled = postAs(service("plan-service") + "/api/v1/plans", """
					{"patientId":"%s","programId":"program-b","levelOfCare":{"code":"2.1","edition":3},
					 "adolescent":true,"weeklyHours":9,"sessionsPerWeek":3,"modalities":["CBT"],
					 "careTeam":["clinician-b1"],"mode":"AUTOMATIC","startDate":"%s"}""".formatted(ED_PATIENT,
					LocalDate.now(zone).minusDays(10)), adminB);
			assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
			Instant measured = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
			HttpResponse<String> recorded = post(service("assessment-service") + "/api/v1/vitals", """
					{"patientId":"%s","programId":"program-b","measuredAt":"%s","timeOfDay":"DAY","heartRatePerMin":48,
					 "weightKg":47.5,"heightCm":163,"dateOfBirth":"%s","sex":"FEMALE"}""".formatted(ED_PATIENT,
					measured, LocalDate.now(zone).minusYears(15).minusMonths(2)));
			assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);

			List<JsonNode> streamed = stream.alerts();
			JsonNode instability = awaitStreamed(streamed, ED_PATIENT, "MEDICAL_INSTABILITY");
			assertThat(instability.get("severity").asString()).isEqualTo("CRITICAL");
			assertThat(instability.get("status").asString()).isEqualTo("OPEN");
			assertThat(instability.get("evidence").asString()).startsWith("heart rate 48/min by day on ")
				.endsWith("(under 50)");
			JsonNode stepUp = awaitStreamed(streamed, ED_PATIENT, "RECOMMENDATION_STEP_UP");
			assertThat(stepUp.get("status").asString()).isEqualTo("OPEN");

			HttpResponse<String> recommendations = send(HttpRequest
				.newBuilder(URI.create(service("plan-service") + "/api/v1/patients/" + ED_PATIENT + "/recommendations"))
				.header("Authorization", "Bearer " + clinicianB)
				.build());
			assertThat(recommendations.statusCode()).isEqualTo(200);
			JsonNode recommendation = json.readTree(recommendations.body())
				.valueStream()
				.filter((r) -> r.get("kind").asString().equals("STEP_UP"))
				.findFirst()
				.orElseThrow();
			assertThat(recommendation.get("status").asString()).isEqualTo("PENDING");
			assertThat(recommendation.get("toLevel").get("code").asString()).isEqualTo("2.5");
			assertThat(recommendation.get("reasons").valueStream().map((r) -> r.get("code").asString()))
				.containsExactly("S14");
			assertThat(LocalDate.ofInstant(Instant.parse(recommendation.get("madeAt").asString()), zone))
				.as("recommended the day it was measured")
				.isEqualTo(LocalDate.ofInstant(measured, zone));
		}
		// the patient page charts the weight and the heart rate, with the line it crossed
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> send(HttpRequest
				.newBuilder(URI.create(service("alert-service") + "/api/v1/patients/" + ED_PATIENT + "/timeline"))
				.header("Authorization", "Bearer " + clinicianB)
				.build()).body().contains("\"VITALS\""));
		try (ConsoleBrowser browser = ConsoleBrowser.open(service("alert-service"),
				"http://127.0.0.1:" + options.idpPort())) {
			browser.signIn("/patient.html?patientId=" + ED_PATIENT, "clinician-b1", "demo");
			browser.waitFor().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
			assertThat(browser.driver.findElement(By.id("eating-disorder")).isDisplayed()).isTrue();
			assertThat(browser.driver.findElement(By.id("weight-chart")).getAttribute("data-points")).isEqualTo("1");
			assertThat(browser.driver.findElement(By.id("heart-chart")).getAttribute("data-points")).isEqualTo("1");
			assertThat(browser.driver.findElement(By.id("edeqs-chart")).getText()).isEqualTo("No EDE-QS yet.");
			assertThat(browser.driver.findElements(By.cssSelector("#heart-chart .u-legend .u-series .u-label")))
				.extracting(org.openqa.selenium.WebElement::getText)
				.contains("Heart rate by day", "Heart rate at night");
		}
	}

	/** The latest alert of this kind the stream has sent for the patient, awaited. */
	private static JsonNode awaitStreamed(List<JsonNode> streamed, String patient, String kind) {
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> streamed.stream()
				.filter((a) -> a.get("patientId").asString().equals(patient) && a.get("kind").asString().equals(kind))
				.reduce((first, second) -> second)
				.orElse(null), (found) -> found != null);
	}

	/**
	 * Aftercare (issue 22, item 4) across the services: a patient discharged from OP to
	 * aftercare 100 days ago (the monthly check-ins) reports use in a check-in at
	 * assessment-service; plan-service publishes the re-entry signal and a recommendation
	 * to return to IOP, and alert-service raises a RE_ENTRY alert carrying it on the
	 * clinician's live stream; the clinician approves, the plan is back in IOP at 2.1 and
	 * the alert resolves.
	 */
	@Test
	@Order(2)
	void aDischargedPatientWhoReportsUseInAMonthlyCheckInGetsAReEntryAlertRecommendingIop() throws Exception {
		String patient = "patient-e2e-aftercare-" + System.nanoTime();
		try (AlertStream stream = AlertStream.open(service("alert-service"), "program-a", clinicianToken())) {
			List<JsonNode> streamed = stream.alerts();
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			HttpResponse<String> enrolled = postAs(service("plan-service") + "/api/v1/plans", """
					{"patientId":"%s","programId":"program-a","levelOfCare":{"code":"1.0","edition":3},
					 "adolescent":false,"weeklyHours":3,"sessionsPerWeek":1,"modalities":["CBT"],
					 "careTeam":["clinician-a1"],"mode":"AUTOMATIC","startDate":"%s"}""".formatted(patient,
					today.minusDays(160)), token("admin-a", "demo"));
			assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
			HttpResponse<String> discharged = postAs(
					service("plan-service") + "/api/v1/patients/" + patient + "/plan/discharge", """
							{"planned":false,"reason":"eight weeks at OP without use","dischargedOn":"%s"}"""
						.formatted(today.minusDays(100)),
					clinicianToken());
			assertThat(discharged.statusCode()).as(discharged.body()).isEqualTo(200);
			assertThat(json.readTree(discharged.body()).at("/plan/phase").asString()).isEqualTo("AFTERCARE");

			HttpResponse<String> checkIn = post(service("assessment-service") + "/api/v1/check-ins", """
					{"patientId":"%s","programId":"program-a","occurredAt":"%s","mood":4,"craving":6,
					 "usedSinceLastCheckIn":true,"substances":["alcohol"],"sleepHours":6,"stress":6,
					 "medicationTakenAsPrescribed":true}""".formatted(patient,
					Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS)));
			assertThat(checkIn.statusCode()).as(checkIn.body()).isEqualTo(201);

			JsonNode alert = await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> streamed.stream()
					.filter((a) -> a.get("patientId").asString().equals(patient)
							&& a.get("kind").asString().equals("RE_ENTRY"))
					.findFirst()
					.orElse(null), (found) -> found != null);
			assertThat(alert.get("severity").asString()).isEqualTo("HIGH");
			assertThat(alert.get("status").asString()).isEqualTo("OPEN");
			assertThat(alert.get("evidence").asString())
				.startsWith("Recommended RE_ENTRY 1.0 -> 2.1, awaiting approval")
				.contains("in aftercare since " + today.minusDays(100))
				.contains("use reported on");
			String recommendationId = alert.get("values").get("recommendationId").asString();
			assertThat(alert.get("values").get("toLevel").asString()).isEqualTo("2.1");
			// the patient page says where aftercare stands, in words
			try (ConsoleBrowser browser = ConsoleBrowser.open(service("alert-service"),
					"http://127.0.0.1:" + options.idpPort())) {
				browser.signIn("/patient.html?patientId=" + patient, "clinician-a1", "demo");
				browser.waitFor().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
				assertThat(browser.driver.findElement(By.id("aftercare")).getText())
					.matches("Aftercare, week 1[45]: .*");
				assertThat(browser.driver.findElement(By.id("instruments")).getText()).as("nothing due after treatment")
					.isEmpty();
				assertThat(browser.driver.findElement(By.id("eating-disorder")).isDisplayed())
					.as("no eating-disorder charts for a patient without EDE-QS or vitals")
					.isFalse();
			}

			HttpResponse<String> approved = postAs(
					service("plan-service") + "/api/v1/recommendations/" + recommendationId + "/approve", "{}",
					clinicianToken());
			assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
			JsonNode plan = json.readTree(approved.body()).get("plan");
			assertThat(plan.get("phase").asString()).isEqualTo("IOP");
			assertThat(plan.at("/levelOfCare/code").asString()).isEqualTo("2.1");
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> get(service("alert-service") + "/api/v1/alerts?patientId=" + patient).valueStream()
					.anyMatch((a) -> a.get("kind").asString().equals("RE_ENTRY")
							&& a.get("status").asString().equals("RESOLVED")));
		}
	}

	/**
	 * The console on the real services, no stand-in: the caseload and the patient page
	 * show the plan, signals, charts and attendance that plan-service and alert-service
	 * made of real data; approving plan-service's step-up recommendation moves the plan;
	 * the safety alert is acknowledged, then resolved with a note; axe-core finds no
	 * serious violation.
	 */
	@Test
	@Order(2)
	void aClinicianWorksThroughTheCaseloadAndThePatientPageInTheBrowser() throws Exception {
		console = new PatientPageJourney(options);
		try (ConsoleBrowser browser = ConsoleBrowser.open(console.console(), console.issuer())) {
			console.createData();
			console.awaitEvaluated();
			console.walk(browser);
		}
	}

	/**
	 * A check-in that plan-service failed to process (as if its store had failed it, say)
	 * sits on the dead-letter topic; after the fix the operator re-drives it with
	 * {@code ./stepwise ops dead-letters redrive}, and plan-service processes it.
	 */
	/**
	 * issue 23: an EHR talks FHIR to the running stack. Its PHQ-9 with item 9 answered
	 * "more than half the days", posted as a LOINC-coded QuestionnaireResponse to
	 * assessment-service, becomes a CRITICAL safety alert that alert-service serves as a
	 * {@code stat} Task; the score comes back as a survey Observation. A check-in that
	 * reports use is 42 CFR Part 2 data: the EHR's client sees it only with a token that
	 * asked for the {@code stepwise.part2} scope the identity provider grants it.
	 */
	@Test
	@Order(2)
	void anEhrSendsAPhq9ThroughFhirAndReadsTheSafetyTaskWithPart2DataOnlyUnderItsScope() throws Exception {
		String authored = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
		StringBuilder items = new StringBuilder();
		String[] loinc = { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
				"44260-8" };
		for (int i = 0; i < loinc.length; i++) {
			items.append((i == 0) ? "" : ",")
				.append("{\"linkId\":\"%s\",\"answer\":[{\"valueInteger\":%d}]}".formatted(loinc[i], (i == 8) ? 2 : 1));
		}
		String phq9 = """
				{"resourceType":"QuestionnaireResponse","questionnaire":"http://loinc.org/q/44249-1","status":"completed",
				 "subject":{"reference":"Patient/%s"},"authored":"%s",
				 "extension":[{"url":"https://stepwise.example/fhir/StructureDefinition/program","valueString":"program-a"}],
				 "item":[%s]}"""
			.formatted(FHIR_PATIENT, authored, items);
		String checkIn = """
				{"resourceType":"QuestionnaireResponse","status":"completed",
				 "questionnaire":"https://stepwise.example/fhir/Questionnaire/daily-check-in",
				 "subject":{"reference":"Patient/%s"},"authored":"%s",
				 "extension":[{"url":"https://stepwise.example/fhir/StructureDefinition/program","valueString":"program-a"}],
				 "item":[{"linkId":"mood","answer":[{"valueInteger":4}]},{"linkId":"craving","answer":[{"valueInteger":6}]},
				  {"linkId":"usedSinceLastCheckIn","answer":[{"valueBoolean":true}]},
				  {"linkId":"substances","answer":[{"valueString":"alcohol"}]},
				  {"linkId":"sleepHours","answer":[{"valueDecimal":6}]},{"linkId":"stress","answer":[{"valueInteger":7}]},
				  {"linkId":"medicationTakenAsPrescribed","answer":[{"valueBoolean":true}]}]}"""
			.formatted(FHIR_PATIENT, authored);
		String assessment = service("assessment-service") + "/fhir/r4";
		assertThat(fhirPost(assessment + "/QuestionnaireResponse", phq9).statusCode()).isEqualTo(201);
		assertThat(fhirPost(assessment + "/QuestionnaireResponse", checkIn).statusCode()).isEqualTo(201);
		String ehr = StackTokens.clientCredentials(http, options.idpPort(), "ehr-a", "ehr-secret", "stepwise.part2");
		String ehrWithoutScope = token("ehr-a", "ehr-secret");

		JsonNode tasks = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> fhirGet(
					service("alert-service") + "/fhir/r4/Task?patient=" + FHIR_PATIENT + "&status=requested", ehr),
					(bundle) -> bundle.path("total").asInt() > 0);
		JsonNode task = tasks.get("entry")
			.valueStream()
			.map((entry) -> entry.get("resource"))
			.filter((resource) -> resource.at("/code/coding/0/code").asString().equals("SAFETY"))
			.findFirst()
			.orElseThrow();
		assertThat(task.get("priority").asString()).isEqualTo("stat");
		assertThat(task.at("/for/reference").asString()).isEqualTo("Patient/" + FHIR_PATIENT);

		String observations = assessment + "/Observation?patient=" + FHIR_PATIENT;
		JsonNode phq9Only = fhirGet(observations + "&code=http://loinc.org%7C44261-6", ehr);
		assertThat(phq9Only.get("total").asInt()).isEqualTo(1);
		assertThat(phq9Only.at("/entry/0/resource/valueInteger").asInt()).isEqualTo(10);
		assertThat(fhirGet(observations, ehr).get("total").asInt()).isEqualTo(2);
		assertThat(fhirGet(observations, ehrWithoutScope).get("total").asInt()).isEqualTo(1);
	}

	@Test
	@Order(2)
	void aDeadLetterReDrivenAfterItsFixIsProcessed() throws Exception {
		String patient = "patient-redriven-" + System.nanoTime();
		Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		EventEnvelope<CheckInSubmitted> checkIn = EventEnvelope.of("/stepwise/assessment-service",
				new CheckInSubmitted("checkin-" + System.nanoTime(), "program-a", patient, 6, 3, false, List.of(),
						new BigDecimal("7.0"), 4, true, Set.of(), at, at),
				at);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()), new StringSerializer(),
				new ByteArraySerializer())) {
			ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(Topics.CHECKINS), 0, patient,
					new EventCodec().encode(checkIn));
			// the headers the services' inbox writes (docs/api-and-events.md, dead
			// letters)
			dead.headers()
				.add("stepwise-dlt-reason", "processing failed: IllegalStateException".getBytes(UTF_8))
				.add("stepwise-dlt-source-topic", Topics.CHECKINS.getBytes(UTF_8))
				.add("stepwise-dlt-source-partition", "0".getBytes(UTF_8))
				.add("stepwise-dlt-source-offset", "0".getBytes(UTF_8));
			producer.send(dead).get();
		}
		String admin = token("admin-a", "demo");
		String progress = service("plan-service") + "/api/v1/patients/" + patient + "/progress";
		assertThat(send(HttpRequest.newBuilder(URI.create(progress)).header("Authorization", "Bearer " + admin).build())
			.statusCode()).isEqualTo(404);

		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		int status = Ops.run(new java.io.PrintStream(out, true, UTF_8), "dead-letters", "redrive", "--topic",
				Topics.CHECKINS, "--reason-contains", "processing failed", "--kafka", bootstrap());

		assertThat(status).as(out.toString(UTF_8)).isZero();
		assertThat(out.toString(UTF_8)).contains("Re-drove 1 dead letter").doesNotContain(patient);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> send(
					HttpRequest.newBuilder(URI.create(progress)).header("Authorization", "Bearer " + admin).build())
				.statusCode() == 200);
	}

	@Test
	@Order(3)
	void aBackupOfTheStoppedStackRestoredIntoAFreshDataDirectoryStartsWithTheSamePlansAndAlerts() throws Exception {
		List<String> alertsBefore = alertsOf(PATIENT, SLIDING_PATIENT);
		JsonNode plansBefore = get(service("plan-service") + "/api/v1/patients/" + SLIDING_PATIENT + "/plan/history");
		assertThat(alertsBefore).anyMatch((alert) -> alert.startsWith("DISENGAGEMENT AUTO_RESOLVED"));
		stack.close();

		Path backup = Files.createTempDirectory("stepwise-backup").resolve("copy");
		restoredDir = Files.createTempDirectory("stepwise-restored").resolve("data");
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
		assertThat(Ops.run(out, "backup", "--to", backup.toString(), "--data-dir", dataDir.toString())).isZero();
		assertThat(Ops.run(out, "restore", "--from", backup.toString(), "--data-dir", restoredDir.toString())).isZero();
		options = new StackOptions(restoredDir, options.servicesDir(), options.kafkaPort(), options.mongoPort(),
				options.partitions(), options.services(), options.idpPort(), options.bindAddress(),
				options.demoAccounts());
		stack = new LocalStack(options);
		stack.start();

		assertThat(alertsOf(PATIENT, SLIDING_PATIENT)).isEqualTo(alertsBefore);
		assertThat(get(service("plan-service") + "/api/v1/patients/" + SLIDING_PATIENT + "/plan/history"))
			.isEqualTo(plansBefore);
		assertThat(get(service("attendance-service") + "/api/v1/patients/" + PATIENT + "/attendance")).hasSize(3);
	}

	/** Each alert of these patients as "KIND STATUS SEVERITY id", in a stable order. */
	private static List<String> alertsOf(String... patients) throws Exception {
		List<String> alerts = new ArrayList<>();
		for (String patient : patients) {
			get(service("alert-service") + "/api/v1/alerts?patientId=" + patient).valueStream()
				.map((alert) -> String.join(" ", alert.get("kind").asString(), alert.get("status").asString(),
						alert.get("severity").asString(), alert.get("id").asString()))
				.forEach(alerts::add);
		}
		return alerts.stream().sorted().toList();
	}

	@Test
	@Order(4)
	void aPortInUseIsAOneLineError() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			StackOptions clash = new StackOptions(dataDir.resolve("other"), options.servicesDir(), taken.getLocalPort(),
					TestStacks.freePort(), 3, options.services());
			assertThatThrownBy(() -> new LocalStack(clash).start()).isInstanceOf(StackException.class)
				.hasMessage("port " + taken.getLocalPort() + " (Kafka) is already in use: stop what uses it, "
						+ "or choose another with --kafka-port");
		}
	}

	@Test
	@Order(5)
	void noServiceLogLineNamesThePatient() throws Exception {
		List<String> patients = new ArrayList<>(List.of(PATIENT, SLIDING_PATIENT, ED_PATIENT, FHIR_PATIENT));
		if (console != null) {
			patients.add(console.patient);
		}
		assertThat(TestStacks.logLinesNaming(dataDir, patients)).isEmpty();
		if (restoredDir != null) {
			assertThat(TestStacks.logLinesNaming(restoredDir, patients)).isEmpty();
		}
	}

	private JsonNode awaitAlert(String kind, String status) {
		return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode alerts = get(
					service("alert-service") + "/api/v1/alerts?patientId=" + PATIENT + "&status=" + status);
			return alerts.valueStream()
				.filter((alert) -> alert.get("kind").asString().equals(kind))
				.findFirst()
				.orElse(null);
		}, (alert) -> alert != null);
	}

	private String scheduleSession(Instant start) throws Exception {
		String body = """
				{"programId":"program-a","sessionType":"GROUP","modality":"CBT","startsAt":"%s","endsAt":"%s",
				 "facilitatorId":"clinician-1","roster":["%s"]}""".formatted(start, start.plus(3, ChronoUnit.HOURS),
				PATIENT);
		HttpResponse<String> response = post(service("attendance-service") + "/api/v1/sessions", body);
		assertThat(response.statusCode()).isEqualTo(201);
		return json.readTree(response.body()).get("id").asString();
	}

	private void recordAttendance(String sessionId, String status) throws Exception {
		String body = """
				{"patientId":"%s","status":"%s","minutesAttended":%d}""".formatted(PATIENT, status,
				status.equals("ATTENDED") ? 180 : 0);
		assertThat(post(service("attendance-service") + "/api/v1/sessions/" + sessionId + "/attendance", body)
			.statusCode()).isEqualTo(201);
	}

	private static String token(String client, String secret) throws Exception {
		return StackTokens.clientCredentials(http, options.idpPort(), client, secret);
	}

	/**
	 * The token with one character of its signature changed (a middle one: all 6 bits
	 * count).
	 */
	private static String tampered(String token) {
		int at = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
		char replacement = (token.charAt(at) == 'A') ? 'B' : 'A';
		return token.substring(0, at) + replacement + token.substring(at + 1);
	}

	private static String ingestToken() throws Exception {
		return token("stepwise-ingest", "ingest-secret");
	}

	private static String clinicianToken() throws Exception {
		return token("clinician-a1", "demo");
	}

	private static String service(String name) {
		return options.services()
			.stream()
			.filter((s) -> s.name().equals(name))
			.map((s) -> "http://127.0.0.1:" + s.port())
			.findFirst()
			.orElseThrow();
	}

	private static String bootstrap() {
		return "127.0.0.1:" + options.kafkaPort();
	}

	/** Reads as clinician-a1 (program-a), the demo clinician. */
	private static JsonNode get(String url) throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + clinicianToken()).build());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return json.readTree(response.body());
	}

	/** Writes as the ingest client. */
	private static HttpResponse<String> post(String url, String body) throws Exception {
		return postAs(url, body, ingestToken());
	}

	private static HttpResponse<String> postAs(String url, String body, String token) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/** A FHIR create as the ingest client. */
	private static HttpResponse<String> fhirPost(String url, String resource) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/fhir+json")
			.header("Authorization", "Bearer " + ingestToken())
			.POST(HttpRequest.BodyPublishers.ofString(resource))
			.build());
	}

	private static JsonNode fhirGet(String url, String token) throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
