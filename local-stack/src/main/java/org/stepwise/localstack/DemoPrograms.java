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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

import tools.jackson.databind.json.JsonMapper;

import org.stepwise.simulator.drive.Driver;
import org.stepwise.simulator.drive.TokenSource;
import org.stepwise.simulator.programs.ApiCall;
import org.stepwise.simulator.programs.ProgramMix;

/**
 * The demo's other kinds of IOP (docs/clinical-rules.md section 8), played after the
 * addiction cohort of program-a through the same APIs with the demo accounts: the
 * simulator's {@link ProgramMix}, a dual-diagnosis program for adolescents (program-b),
 * an eating-disorder program for adolescents (program-c) and program-a patients in
 * aftercare, twelve each, sent between the cohort's days in one clinical order. Each
 * request carries an Idempotency-Key (or is a PUT), so a second demo run on the same
 * day's data changes nothing.
 */
final class DemoPrograms {

	private static final IntPredicate DONE_OR_THERE = (status) -> status < 300 || status == 409;

	private static final long SEED = 2026;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final StackOptions options;

	private final Map<String, TokenSource> tokens = new LinkedHashMap<>();

	/** What is still to be sent, in clinical order. */
	private final Deque<ProgramMix.Scheduled> pending;

	/** The ids sessions were answered with, for their attendance. */
	private final Map<String, String> answeredIds = new HashMap<>();

	/**
	 * Requests answered, and those that failed (neither 2xx nor a 409 for data there).
	 */
	private int answered;

	private int failed;

	/**
	 * Answered 409: there from an earlier run, or refused for a state it did not expect
	 * (said apart, so a first run that shows any is looked into).
	 */
	private int there;

	DemoPrograms(StackOptions options) {
		this.options = options;
		this.pending = new ArrayDeque<>(ProgramMix.calls(SEED, Instant.now()));
	}

	/**
	 * Holds the program-a cohort before each of its days (a day of {@code zone} counted
	 * from {@code firstDay}) until this mix's requests of earlier times are sent:
	 * plan-service on event time has one clock for every patient, so the two are sent in
	 * one clinical order.
	 */
	Driver.Pacing interleavedWith(LocalDate firstDay, ZoneId zone) {
		return new Driver.Pacing() {
			@Override
			public void beforeDay(int day) throws InterruptedException {
				sendUntil(firstDay.plusDays(day).atStartOfDay(zone).toInstant());
			}
		};
	}

	/** Sends what is left; returns one line for the banner. */
	String finish() throws InterruptedException {
		sendUntil(Instant.MAX);
		return "%d requests for program-b (dual diagnosis, adolescents), program-c (eating disorder, adolescents) and aftercare, %s"
			.formatted(this.answered, ((this.failed == 0) ? "all answered" : this.failed + " failed")
					+ ((this.there == 0) ? "" : " (" + this.there + " already there: 409)"));
	}

	private void sendUntil(Instant until) throws InterruptedException {
		while (!this.pending.isEmpty() && this.pending.peek().at().isBefore(until)) {
			ApiCall call = this.pending.poll().call();
			Optional<String> path = call.pathWith(this.answeredIds);
			if (path.isEmpty()) {
				this.failed++; // the session it records attendance of was not scheduled
				continue;
			}
			try {
				send(call, path.get());
			}
			catch (IOException ex) {
				this.failed++;
				System.err.println(
						"Demo: " + call.method() + " " + call.service() + " failed: " + ex.getClass().getSimpleName());
			}
		}
	}

	private void send(ApiCall call, String path) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(call.service()) + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token(call.client()))
			.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(call.body())));
		if (call.idempotencyKey() != null) {
			request.header("Idempotency-Key", call.idempotencyKey());
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		// plan-service on event time discharges only on a day its clock has reached, and
		// the clock moves when it has consumed the check-in of that day sent just before:
		// a 409 then is asked again a few times (on a second run it stays: discharged)
		for (long wait = 250; response.statusCode() == 409 && call.path().endsWith("/plan/discharge")
				&& wait <= 2000; wait *= 2) {
			Thread.sleep(wait);
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		this.answered++;
		if (response.statusCode() == 409) {
			this.there++;
		}
		if (!DONE_OR_THERE.test(response.statusCode())) {
			this.failed++;
			System.err.println("Demo: " + call.method() + " " + call.service() + " "
					+ call.path().replaceAll("/patients/[^/]+", "/patients/…") + " answered " + response.statusCode());
		}
		else if (call.answersId() != null && response.statusCode() < 300) {
			this.answeredIds.put(call.answersId(), this.json.readTree(response.body()).path("id").asString());
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

}
