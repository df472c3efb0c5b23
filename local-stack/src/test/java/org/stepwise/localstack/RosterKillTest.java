package org.stepwise.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20 item 4: a roster's attendance is all or nothing through a real SIGKILL. The
 * attendance-service started by the launcher is killed while it stores a roster of 100
 * records, after the intent it writes first and before the records, the launcher restarts
 * it, and its recovery pass stores the records from the intent: every record once, and
 * each record's event published with one id.
 */
class RosterKillTest {

	private static final int ROSTER = 100;

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void aKillInTheMiddleOfARosterWriteLeavesEveryRecordStoredOnceAfterTheRestart() throws Exception {
		StackOptions options = TestStacks.onFreePorts(this.dataDir);
		// the recovery pass every 5 s instead of 30 (it still leaves intents younger than
		// 30 s to the request that may be writing them)
		try (LocalStack stack = new LocalStack(options, Map.of("STEPWISE_ATTENDANCE_ROSTERRECOVERYINTERVAL", "PT5S"));
				MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + options.mongoPort())) {
			stack.start();
			MongoCollection<Document> attendance = client.getDatabase("stepwise-attendance")
				.getCollection("attendance");
			MongoCollection<Document> intents = client.getDatabase("stepwise-attendance")
				.getCollection("roster_writes");
			String token = StackTokens.clientCredentials(this.http, options.idpPort(), "stepwise-ingest",
					"ingest-secret");
			String base = "http://127.0.0.1:" + port(options);

			Interrupted interrupted = null;
			for (int attempt = 1; attempt <= 8 && interrupted == null; attempt++) {
				interrupted = killDuringARosterWrite(stack, base, token, attendance, intents, attempt);
			}
			assertThat(interrupted).as("a kill that landed between the first and the last record of a roster")
				.isNotNull();
			Interrupted kill = interrupted;

			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> attendance.countDocuments(new Document("sessionId", kill.sessionId())) == ROSTER);
			Set<String> stored = attendance.find(new Document("sessionId", kill.sessionId()))
				.map((d) -> d.getString("patientId"))
				.into(new HashSet<>());
			assertThat(stored).containsExactlyInAnyOrderElementsOf(kill.patients());
			assertThat(intents.countDocuments(new Document("sessionId", kill.sessionId())))
				.as("the roster's intent, once finished")
				.isZero();

			// every record's event, each with one id (a relay publishing again after a
			// kill repeats the same id, which consumers drop)
			EventCodec codec = new EventCodec();
			Map<String, Set<String>> eventIds = new HashMap<>();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				eventIds.clear();
				for (var record : TopicProbe.readAll("127.0.0.1:" + options.kafkaPort(), Topics.ATTENDANCE)) {
					EventEnvelope<StepwiseEvent> event = codec.decode(record.value());
					if (event.data() instanceof AttendanceRecorded recorded
							&& recorded.sessionId().equals(kill.sessionId())) {
						eventIds.computeIfAbsent(recorded.patientId(), (p) -> new HashSet<>()).add(event.id());
					}
				}
				return eventIds.size() == ROSTER;
			});
			assertThat(eventIds.values()).as("event ids per patient's record")
				.allSatisfy((ids) -> assertThat(ids).hasSize(1));
			System.out.printf("%nRoster kill: attempt %d, %d of %d records stored when attendance-service was killed%n",
					kill.attempt(), kill.storedAtKill(), ROSTER);
		}
	}

	/**
	 * Sends a roster of {@value #ROSTER} and kills attendance-service as soon as the
	 * roster's intent is stored, before its records are (the window the recovery pass
	 * exists for: on MongoDB the records' insert can also stop half way; the embedded
	 * store applies it whole).
	 * @return what the kill interrupted, or null if the write was not caught in time
	 */
	private Interrupted killDuringARosterWrite(LocalStack stack, String base, String token,
			MongoCollection<Document> attendance, MongoCollection<Document> intents, int attempt) throws Exception {
		List<String> patients = IntStream.range(0, ROSTER)
			.mapToObj((i) -> "patient-roster-" + System.nanoTime() + "-" + i)
			.toList();
		String sessionId = scheduleSession(base, token, patients);
		String records = patients.stream()
			.map((p) -> "{\"patientId\":\"%s\",\"status\":\"ATTENDED\",\"minutesAttended\":120}".formatted(p))
			.collect(Collectors.joining(",", "{\"records\":[", "]}"));
		ServiceProcess service = attendanceService(stack);
		CompletableFuture<HttpResponse<String>> answer = this.http.sendAsync(
				post(base + "/api/v1/sessions/" + sessionId + "/attendance", token, records),
				HttpResponse.BodyHandlers.ofString());
		Document ofSession = new Document("sessionId", sessionId);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline && !answer.isDone()) {
			if (intents.countDocuments(ofSession) > 0) {
				ProcessHandle.of(service.pid()).orElseThrow().destroyForcibly();
				ProcessHandle.of(service.pid()).ifPresent((p) -> p.onExit().join());
				long storedAtKill = attendance.countDocuments(ofSession);
				awaitRestart(stack, service.pid());
				return (storedAtKill < ROSTER) ? new Interrupted(sessionId, patients, storedAtKill, attempt) : null;
			}
		}
		HttpResponse<String> answered = answer.join();
		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
		System.out.printf("Roster kill: attempt %d stored the roster before the kill could land%n", attempt);
		return null;
	}

	private void awaitRestart(LocalStack stack, long killedPid) {
		await().atMost(Duration.ofSeconds(150))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> attendanceService(stack).pid() != killedPid && attendanceService(stack).ready(this.http));
	}

	private String scheduleSession(String base, String token, List<String> patients) throws Exception {
		Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
		String body = json.writeValueAsString(Map.of("programId", "program-a", "sessionType", "GROUP", "modality",
				"CBT", "startsAt", start.toString(), "endsAt", start.plus(2, ChronoUnit.HOURS).toString(),
				"facilitatorId", "clinician-1", "roster", patients));
		HttpResponse<String> created = this.http.send(post(base + "/api/v1/sessions", token, body),
				HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json.readTree(created.body()).get("id").asString();
	}

	private static HttpRequest post(String url, String token, String body) {
		return HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static ServiceProcess attendanceService(LocalStack stack) {
		return stack.services()
			.stream()
			.filter((p) -> p.spec().name().equals("attendance-service"))
			.findFirst()
			.orElseThrow();
	}

	private static int port(StackOptions options) {
		return options.services()
			.stream()
			.filter((s) -> s.name().equals("attendance-service"))
			.findFirst()
			.orElseThrow()
			.port();
	}

	/**
	 * A roster write a kill interrupted: its session, patients and records stored then.
	 */
	private record Interrupted(String sessionId, List<String> patients, long storedAtKill, int attempt) {
	}

}
