package org.stepwise.assessment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the assessment API must refuse with 400 and store nothing of: identifiers outside
 * {@code Identifiers.PATTERN}, times that are numbers or implausible, fractions on
 * integral scales. The problem never echoes the refused value.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedInputTest {

	static final String PATIENT = "patient-input-" + System.nanoTime();

	static final String OPERATOR = TestTokens.operator("program-a");

	/** Bad ids as JSON string contents (escaped) and as URL path segments (encoded). */
	static final List<String[]> BAD_IDS = List.of(new String[] { "nul", "p\\u0000x", "p%00x" },
			new String[] { "newline", "p\\nx", "p%0Ax" }, new String[] { "bidi override", "p\\u202Ex", "p%E2%80%AEx" },
			new String[] { "lone surrogate", "p\\uD800x", "p%ED%A0%80x" },
			new String[] { "path traversal", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd" });

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	Stream<Arguments> refused() {
		List<Arguments> rows = new ArrayList<>();
		String taken = "\"" + Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"";
		for (String[] bad : BAD_IDS) {
			rows.add(row(bad[0] + " as check-in patient", "POST", "/api/v1/check-ins",
					checkIn(bad[1], "program-a", taken, "6")));
			rows.add(row(bad[0] + " as check-in program", "POST", "/api/v1/check-ins",
					checkIn(PATIENT, bad[1], taken, "6")));
			rows.add(row(bad[0] + " as assessment patient", "POST", "/api/v1/assessments", gad7(bad[1], taken)));
			rows.add(row(bad[0] + " in the assessments path", "GET", "/api/v1/patients/" + bad[2] + "/assessments",
					null));
			rows.add(row(bad[0] + " in the check-ins path", "GET", "/api/v1/patients/" + bad[2] + "/check-ins", null));
			rows.add(row(bad[0] + " as audit patient", "GET", "/api/v1/audit?programId=program-a&patientId=" + bad[2],
					null));
		}
		rows.add(row("check-in time as a number", "POST", "/api/v1/check-ins",
				checkIn(PATIENT, "program-a", "1767225600", "6")));
		rows.add(row("check-in in year 1", "POST", "/api/v1/check-ins",
				checkIn(PATIENT, "program-a", "\"0001-01-01T00:00:00Z\"", "6")));
		rows.add(row("check-in a week ahead", "POST", "/api/v1/check-ins", checkIn(PATIENT, "program-a",
				"\"" + Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"", "6")));
		rows.add(row("check-in without offset", "POST", "/api/v1/check-ins",
				checkIn(PATIENT, "program-a", "\"2026-01-01T10:00:00\"", "6")));
		rows.add(row("mood 5.7", "POST", "/api/v1/check-ins", checkIn(PATIENT, "program-a", taken, "5.7")));
		rows.add(row("assessment time as a number", "POST", "/api/v1/assessments", gad7(PATIENT, "1767225600")));
		rows.add(row("assessment in year 1", "POST", "/api/v1/assessments", gad7(PATIENT, "\"0001-01-01T00:00:00Z\"")));
		rows.add(row("fractional item", "POST", "/api/v1/assessments",
				gad7(PATIENT, taken).replace("\"1\":1", "\"1\":1.5")));
		rows.add(row("negative audit limit", "GET", "/api/v1/audit?programId=program-a&limit=-1", null));
		return rows.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refused")
	void isRefusedWithAProblemThatDoesNotEchoIt(String what, String method, String path, String body) throws Exception {
		HttpResponse<String> response = send(method, path, body);

		assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("passwd", "\u202E", "\\u202E", "\\u0000", "p\\nx");
		for (String collection : List.of("checkins", "assessments")) {
			assertThat(this.mongo.count(new Query(Criteria.where("patientId").is(PATIENT)), collection)).as(what)
				.isZero();
		}
	}

	private static String checkIn(String patient, String program, String occurredAt, String mood) {
		return """
				{"patientId":"%s","programId":"%s","occurredAt":%s,"mood":%s,"craving":2,
				 "usedSinceLastCheckIn":false,"sleepHours":7,"stress":3,"medicationTakenAsPrescribed":true}"""
			.formatted(patient, program, occurredAt, mood);
	}

	private static String gad7(String patient, String occurredAt) {
		return """
				{"patientId":"%s","programId":"program-a","instrument":"GAD7","occurredAt":%s,
				 "items":{"1":1,"2":1,"3":1,"4":1,"5":1,"6":1,"7":1}}""".formatted(patient, occurredAt);
	}

	private static Arguments row(String what, String method, String path, String body) {
		return Arguments.of(what, method, path, body);
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Authorization", "Bearer " + OPERATOR);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
