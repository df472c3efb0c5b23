package org.stepwise.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;

import org.stepwise.simulator.drive.TokenSource;

/**
 * The demo's other kinds of IOP (docs/clinical-rules.md section 8), played after the
 * addiction cohort of program-a through the same APIs with the demo accounts: program-b
 * declared a dual-diagnosis program for adolescents, with three adolescents (one whose
 * PHQ-9 rises, which in dual diagnosis raises relapse risk); program-c, an adolescent
 * eating-disorder program, with three patients (a daytime heart rate of 48: medical
 * instability; three weekly weighings 1.2 kg apart: rapid weight loss; a stable one with
 * an EDE-QS); and two program-a patients discharged from OP to aftercare, one of whom
 * reports use (a re-entry). Each request carries an Idempotency-Key, so a second demo run
 * on the same data changes nothing.
 */
final class DemoPrograms {

	private static final IntPredicate DONE_OR_THERE = (status) -> status < 300 || status == 409;

	private final HttpClient http = HttpClient.newHttpClient();

	private final StackOptions options;

	private final Map<String, TokenSource> tokens = new LinkedHashMap<>();

	/**
	 * Requests answered, and those that failed (neither 2xx nor a 409 for data there).
	 */
	private int answered;

	private int failed;

	DemoPrograms(StackOptions options) {
		this.options = options;
	}

	/** Plays them; returns one line for the banner. */
	String play() throws IOException, InterruptedException {
		dualDiagnosisAdolescents();
		eatingDisorderProgram();
		aftercare();
		return "%d requests for program-b (dual diagnosis, adolescents), program-c (eating disorder) and aftercare, %s"
			.formatted(this.answered, (this.failed == 0) ? "all answered" : this.failed + " failed");
	}

	private void dualDiagnosisAdolescents() throws IOException, InterruptedException {
		ZoneId zone = ZoneId.of("America/New_York");
		send("plan-service", "PUT", "/api/v1/programs/program-b", "admin-b", null, """
				{"name":"Demo dual diagnosis IOP (adolescents)","type":"DUAL_DIAGNOSIS","timeZone":"America/New_York",
				 "population":"ADOLESCENT","onCallClinicianId":"clinician-b-oncall",
				 "types":["DUAL_DIAGNOSIS","ADOLESCENT"]}""");
		for (int i = 1; i <= 3; i++) {
			String patient = "demo-b-" + i;
			enrol(patient, "program-b", "clinician-b1", "admin-b", "2.1", true, LocalDate.now(zone).minusDays(30));
			int[] phq9 = (i == 1) ? new int[] { 1, 1 } : new int[] { 1, 3 };
			for (int week = 0; week < 2; week++) {
				Instant at = Instant.now().minus(14 - 10L * week, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
				Map<String, Integer> items = new LinkedHashMap<>();
				for (int item = 1; item <= 9; item++) {
					items.put(Integer.toString(item), (item == 9) ? 0 : phq9[week]);
				}
				send("assessment-service", "POST", "/api/v1/assessments", "stepwise-ingest",
						"demo-phq9-" + patient + "-" + week,
						"""
								{"patientId":"%s","programId":"program-b","instrument":"PHQ9","occurredAt":"%s","items":%s}"""
							.formatted(patient, at, json(items)));
			}
			checkIn(patient, "program-b", Instant.now().minus(1, ChronoUnit.DAYS), false);
		}
	}

	private void eatingDisorderProgram() throws IOException, InterruptedException {
		ZoneId zone = ZoneId.of("America/Denver");
		send("plan-service", "POST", "/api/v1/programs/program-c", "admin-c", null, """
				{"name":"Demo eating-disorder IOP (adolescents)","type":"EATING_DISORDER","timeZone":"America/Denver",
				 "population":"ADOLESCENT","onCallClinicianId":"clinician-c-oncall",
				 "types":["EATING_DISORDER","ADOLESCENT"]}""");
		LocalDate born = LocalDate.now(zone).minusYears(15).minusMonths(4);
		for (int i = 1; i <= 3; i++) {
			String patient = "demo-c-" + i;
			enrol(patient, "program-c", "clinician-c1", "admin-c", "2.1", true, LocalDate.now(zone).minusDays(21));
			for (int week = 2; week >= 0; week--) {
				// patient 2 loses 1.2 kg a week; the others hold their weight
				double weight = (i == 2) ? 48.0 - 1.2 * (2 - week) : 52.0;
				// patient 1's latest heart rate by day is 48 (under 50: medical
				// instability)
				int heartRate = (i == 1 && week == 0) ? 48 : 64;
				Instant measured = Instant.now().minus(7L * week, ChronoUnit.DAYS).minus(2, ChronoUnit.HOURS);
				send("assessment-service", "POST", "/api/v1/vitals", "stepwise-ingest",
						"demo-vitals-" + patient + "-" + week,
						"""
								{"patientId":"%s","programId":"program-c","measuredAt":"%s","timeOfDay":"DAY",
								 "heartRatePerMin":%d,"weightKg":%.1f,"heightCm":162,"dateOfBirth":"%s","sex":"FEMALE"}"""
							.formatted(patient, measured.truncatedTo(ChronoUnit.SECONDS), heartRate, weight, born));
			}
			Map<String, Integer> items = new LinkedHashMap<>();
			for (int item = 1; item <= 12; item++) {
				items.put(Integer.toString(item), (i == 3) ? 1 : 2);
			}
			checkIn(patient, "program-c", Instant.now().minus(1, ChronoUnit.DAYS), false);
			send("assessment-service", "POST", "/api/v1/assessments", "stepwise-ingest", "demo-edeqs-" + patient,
					"""
							{"patientId":"%s","programId":"program-c","instrument":"EDEQS","occurredAt":"%s","items":%s}"""
						.formatted(patient, Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS),
								json(items)));
		}
	}

	private void aftercare() throws IOException, InterruptedException {
		LocalDate today = LocalDate.now(ZoneId.of("America/Chicago"));
		for (int i = 1; i <= 2; i++) {
			String patient = "demo-aftercare-" + i;
			enrol(patient, "program-a", "clinician-a1", "admin-a", "1.0", false, today.minusDays(150));
			send("plan-service", "POST", "/api/v1/patients/" + patient + "/plan/discharge", "clinician-a1",
					"demo-discharge-" + patient, """
							{"planned":false,"reason":"eight weeks at OP without use","dischargedOn":"%s"}"""
						.formatted(today.minusDays(70 + 10L * i)));
			// patient 2 reports use in a monthly check-in: re-entry
			checkIn(patient, "program-a", Instant.now().minus(2, ChronoUnit.HOURS), i == 2);
		}
	}

	private void enrol(String patient, String program, String clinician, String admin, String level, boolean adolescent,
			LocalDate start) throws IOException, InterruptedException {
		send("plan-service", "POST", "/api/v1/plans", admin, "demo-enrol-" + patient, """
				{"patientId":"%s","programId":"%s","levelOfCare":{"code":"%s","edition":3},"adolescent":%s,
				 "weeklyHours":%d,"sessionsPerWeek":%d,"modalities":["CBT"],"careTeam":["%s"],"mode":"AUTOMATIC",
				 "startDate":"%s"}""".formatted(patient, program, level, adolescent, level.equals("1.0") ? 3 : 9,
				level.equals("1.0") ? 1 : 3, clinician, start));
	}

	private void checkIn(String patient, String program, Instant at, boolean used)
			throws IOException, InterruptedException {
		send("assessment-service", "POST", "/api/v1/check-ins", "stepwise-ingest",
				"demo-check-in-" + patient + "-" + at.truncatedTo(ChronoUnit.DAYS),
				"""
						{"patientId":"%s","programId":"%s","occurredAt":"%s","mood":%d,"craving":%d,
						 "usedSinceLastCheckIn":%s,%s"sleepHours":7,"stress":%d,"medicationTakenAsPrescribed":true}"""
					.formatted(patient, program, at.truncatedTo(ChronoUnit.SECONDS), used ? 4 : 7, used ? 6 : 2, used,
							used ? "\"substances\":[\"alcohol\"]," : "", used ? 6 : 3));
	}

	private void send(String service, String method, String path, String client, String idempotencyKey, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service) + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token(client))
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		int status = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		this.answered++;
		if (!DONE_OR_THERE.test(status)) {
			this.failed++;
			System.err.println("Demo: " + method + " " + service + " "
					+ path.replaceAll("/patients/[^/]+", "/patients/…") + " answered " + status);
		}
	}

	private String token(String client) throws IOException, InterruptedException {
		TokenSource source = this.tokens.computeIfAbsent(client, (name) -> TokenSource.clientCredentials(this.http,
				URI.create("http://" + this.options.reachableHost() + ":" + this.options.idpPort() + "/oauth2/token"),
				name, name.equals("stepwise-ingest") ? "ingest-secret" : "demo", Clock.systemUTC()));
		return source.token().orElseThrow();
	}

	private String url(String service) {
		return this.options.services()
			.stream()
			.filter((s) -> s.name().equals(service) && s.instance() == 0)
			.map((s) -> "http://" + this.options.reachableHost() + ":" + s.port())
			.findFirst()
			.orElseThrow();
	}

	private static String json(Map<String, Integer> items) {
		StringBuilder text = new StringBuilder("{");
		items
			.forEach((k, v) -> text.append(text.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
		return text.append('}').toString();
	}

}
