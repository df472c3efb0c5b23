package org.stepwise.alert.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * plan-service as the console's proxy sees it, for the browser test: a plan with its
 * history, two pending recommendations (one approvable, one that plan-service refuses
 * with a problem) and progress with a signal, for one patient; every request's
 * Authorization header is kept, so the test can check whose token was forwarded.
 */
final class StubPlanService {

	/** The one patient it knows. */
	static final String PATIENT = "patient-plan-" + System.nanoTime();

	static final String APPROVABLE = "rec-step-up";

	private static StubPlanService shared;

	static final String REFUSED = "rec-step-down";

	private final HttpServer server;

	private final String patientId;

	private final Map<String, String> decided = new ConcurrentHashMap<>();

	final List<String> authorizations = new CopyOnWriteArrayList<>();

	final List<String> requests = new CopyOnWriteArrayList<>();

	private StubPlanService(String patientId) throws IOException {
		this.patientId = patientId;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * The one stub of the test JVM (the console's test contexts share it, so they stay
	 * one cached context), started on first use.
	 */
	static synchronized StubPlanService shared() {
		if (shared == null) {
			try {
				shared = new StubPlanService(PATIENT);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return shared;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		this.requests.add(exchange.getRequestMethod() + " " + path);
		this.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
		String patient = "/api/v1/patients/" + this.patientId;
		String now = Instant.now().toString();
		if (path.equals(patient + "/plan")) {
			json(exchange, 200, planView(now));
		}
		else if (path.equals(patient + "/plan/history")) {
			json(exchange, 200, "[" + version(1, "2.1", 9, "ENROLLED", "ENROLLED", "enrolled by admin-a", now) + ","
					+ version(2, "2.1", 11, "UNCHANGED_INTENSITY", "RISK_HIGH",
							"Relapse risk HIGH: S6 SUBSTANCE_USE (use on 2 day(s) in 14 days, first 2026-11-30)", now)
					+ "]");
		}
		else if (path.equals(patient + "/recommendations")) {
			json(exchange, 200, "[" + recommendation(APPROVABLE, "STEP_UP", "2.1", "2.5", now) + ","
					+ recommendation(REFUSED, "STEP_DOWN", "2.1", "1.0", now) + "]");
		}
		else if (path.equals(patient + "/progress")) {
			json(exchange, 200, """
					{"patientId":"%s","programId":"program-a","revision":4,"riskLevel":"MODERATE",
					"stepDownReady":false,"signals":[{"id":"S5","kind":"NOT_ON_TRACK","severity":"MEDIUM",
					"evidence":"PHQ-9 12 -> 18 (-50%% drop, 25%% expected by week 4)","values":{},"since":"%s"}],
					"lapseRisk":null,"assessedAt":"%s","readiness":{"noUse28Days":true,"phq9Below10":false},
					"deliveredHoursPerWeek":{},"ruleSetVersion":"test"}""".formatted(this.patientId, now, now));
		}
		else if (exchange.getRequestMethod().equals("POST")
				&& path.equals("/api/v1/recommendations/" + APPROVABLE + "/approve")) {
			this.decided.put(APPROVABLE, "APPROVED");
			json(exchange, 200, planView(now));
		}
		else if (exchange.getRequestMethod().equals("POST") && path.startsWith("/api/v1/recommendations/" + REFUSED)) {
			problem(exchange, 409, "recommendation_decided", "The recommendation was already decided");
		}
		else {
			problem(exchange, 404, "not_found", "No such resource");
		}
	}

	private String planView(String now) {
		return """
				{"planId":"plan-1","patientId":"%s","programId":"program-a","plan":%s,"pendingRecommendations":[]}"""
			.formatted(this.patientId, version(2, "2.1", 11, "UNCHANGED_INTENSITY", "RISK_HIGH",
					"Relapse risk HIGH: S6 SUBSTANCE_USE (use on 2 day(s) in 14 days, first 2026-11-30)", now));
	}

	private static String version(int version, String level, int hours, String direction, String reason,
			String evidence, String at) {
		return """
				{"version":%d,"levelOfCare":{"code":"%s","edition":3},"adolescent":false,"weeklyHours":%d,
				"sessionsPerWeek":3,"modalities":["CBT"],"careTeam":["clinician-a1"],"mode":"RECOMMEND_ONLY",
				"locked":false,"bounds":{"minHours":null,"maxHours":null},"startDate":"2026-11-01",
				"levelSince":"2026-11-01","direction":"%s","changedBy":"system","reasons":[{"code":"%s",
				"evidence":"%s","values":{}}],"ruleSetVersion":"test","occurredAt":"%s"}""".formatted(version, level,
				hours, direction, reason, evidence, at);
	}

	private String recommendation(String id, String kind, String from, String to, String at) {
		String status = this.decided.getOrDefault(id, "PENDING");
		return """
				{"recommendationId":"%s","kind":"%s","fromLevel":{"code":"%s","edition":3},
				"toLevel":{"code":"%s","edition":3},"reasons":[{"code":"S5",
				"evidence":"PHQ-9 12 -> 18 (-50%% drop, 25%% expected by week 4)","values":{}}],"status":"%s",
				"madeAt":"%s","decidedAt":%s,"decidedBy":%s}""".formatted(id, kind, from, to, status, at,
				status.equals("PENDING") ? "null" : "\"" + at + "\"",
				status.equals("PENDING") ? "null" : "\"clinician-a1\"");
	}

	private static void problem(HttpExchange exchange, int status, String reason, String detail) throws IOException {
		send(exchange, status, "application/problem+json", """
				{"type":"https://stepwise.example/problems/%s","title":"Refused","status":%d,"detail":"%s"}"""
			.formatted(reason, status, detail));
	}

	private static void json(HttpExchange exchange, int status, String body) throws IOException {
		send(exchange, status, "application/json", body);
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
