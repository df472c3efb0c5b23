package org.stepwise.attendance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.attendance.record.AttendanceRepository;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the attendance API must refuse with 400 and store nothing of: identifiers outside
 * {@code Identifiers.PATTERN} (in paths, query parameters and bodies), times that are
 * numbers or implausible, fractions where the scale is integral, negative ages and
 * limits. The problem never echoes the refused value.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedInputTest {

	static final String RUN = Long.toString(System.nanoTime());

	static final String PATIENT = "patient-input-" + RUN;

	static final String OPERATOR = TestTokens.operator("program-a");

	/** Bad ids as JSON string contents (escaped) and as URL path segments (encoded). */
	static final List<String[]> BAD_IDS = List.of(new String[] { "nul", "p\\u0000x", "p%00x" },
			new String[] { "newline", "p\\nx", "p%0Ax" }, new String[] { "bidi override", "p\\u202Ex", "p%E2%80%AEx" },
			new String[] { "lone surrogate", "p\\uD800x", "p%ED%A0%80x" },
			new String[] { "path traversal", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd" });

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	AttendanceRepository records;

	String session;

	@BeforeAll
	void data() throws Exception {
		Instant start = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		HttpResponse<String> response = send("POST", "/api/v1/sessions", session("program-a", "\"" + start + "\"",
				"\"" + start.plus(3, ChronoUnit.HOURS) + "\"", "clinician-1", PATIENT));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		this.session = JSON.readTree(response.body()).get("id").asString();
	}

	Stream<Arguments> refused() {
		List<Arguments> rows = new ArrayList<>();
		String start = "\"" + Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"";
		String end = "\"" + Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"";
		String attendance = "/api/v1/sessions/" + this.session + "/attendance";
		for (String[] bad : BAD_IDS) {
			String json = bad[1];
			String path = bad[2];
			rows.add(row(bad[0] + " in a roster", "POST", "/api/v1/sessions",
					session("program-a", start, end, "clinician-1", json)));
			rows.add(row(bad[0] + " as facilitator", "POST", "/api/v1/sessions",
					session("program-a", start, end, json, PATIENT)));
			rows.add(row(bad[0] + " as program", "POST", "/api/v1/sessions",
					session(json, start, end, "clinician-1", PATIENT)));
			rows.add(row(bad[0] + " as attendance patient", "POST", attendance,
					"{\"patientId\":\"" + json + "\",\"status\":\"ATTENDED\",\"minutesAttended\":10}"));
			rows.add(row(bad[0] + " in attendance records", "POST", attendance,
					"{\"records\":[{\"patientId\":\"" + json + "\",\"status\":\"ATTENDED\",\"minutesAttended\":10}]}"));
			rows.add(row(bad[0] + " added to a roster", "POST", "/api/v1/sessions/" + this.session + "/roster",
					"{\"patientId\":\"" + json + "\"}"));
			rows.add(row(bad[0] + " as new facilitator", "PATCH", "/api/v1/sessions/" + this.session,
					"{\"facilitatorId\":\"" + json + "\"}"));
			rows.add(row(bad[0] + " in the attendance path", "GET", "/api/v1/patients/" + path + "/attendance", null));
			rows.add(row(bad[0] + " in the summary path", "GET", "/api/v1/patients/" + path + "/attendance/summary",
					null));
			rows.add(row(bad[0] + " in the corrections path", "POST", attendance + "/" + path + "/corrections",
					"{\"status\":\"LATE\",\"minutesAttended\":10,\"reason\":\"DATA_ENTRY_ERROR\"}"));
			rows.add(row(bad[0] + " in the roster path", "DELETE",
					"/api/v1/sessions/" + this.session + "/roster/" + path, null));
			rows.add(row(bad[0] + " as audit patient", "GET", "/api/v1/audit?programId=program-a&patientId=" + path,
					null));
			rows.add(row(bad[0] + " as audit program", "GET", "/api/v1/audit?programId=" + path, null));
		}
		rows.add(row("start as a number", "POST", "/api/v1/sessions",
				session("program-a", "1767225600", end, "clinician-1", PATIENT)));
		rows.add(row("start in year 1", "POST", "/api/v1/sessions",
				session("program-a", "\"0001-01-01T18:00:00Z\"", end, "clinician-1", PATIENT)));
		rows.add(row("reschedule to year 1", "PATCH", "/api/v1/sessions/" + this.session,
				"{\"startsAt\":\"0001-01-01T18:00:00Z\",\"endsAt\":\"0001-01-01T21:00:00Z\"}"));
		rows.add(row("reschedule to a number", "PATCH", "/api/v1/sessions/" + this.session,
				"{\"startsAt\":1767225600}"));
		rows.add(row("fractional minutes", "POST", attendance,
				"{\"patientId\":\"" + PATIENT + "\",\"status\":\"ATTENDED\",\"minutesAttended\":50.5}"));
		rows.add(row("negative age of unrecorded sessions", "GET", "/api/v1/sessions/unrecorded?olderThanHours=-5",
				null));
		rows.add(row("negative audit limit", "GET", "/api/v1/audit?programId=program-a&limit=-1", null));
		rows.add(row("zero audit limit", "GET", "/api/v1/audit?programId=program-a&limit=0", null));
		return rows.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refused")
	void isRefusedWithAProblemThatDoesNotEchoIt(String what, String method, String path, String body) throws Exception {
		HttpResponse<String> response = send(method, path, body);

		assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("passwd", "\u202E", "\\u202E", "\\u0000", "p\\nx");
		assertThat(this.records.findByPatientIdOrderByOccurredAtAsc(PATIENT)).as(what).isEmpty();
		JsonNode session = JSON.readTree(send("GET", "/api/v1/sessions/" + this.session, null).body());
		assertThat(session.get("roster").valueStream().map(JsonNode::asString)).as(what).containsExactly(PATIENT);
		assertThat(session.get("facilitatorId").asString()).as(what).isEqualTo("clinician-1");
	}

	private static String session(String program, String startsAt, String endsAt, String facilitator, String patient) {
		return """
				{"programId":"%s","sessionType":"GROUP","modality":"CBT","startsAt":%s,"endsAt":%s,
				 "facilitatorId":"%s","roster":["%s"]}""".formatted(program, startsAt, endsAt, facilitator, patient);
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
