package org.stepwise.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import org.stepwise.simulator.cohort.Archetype;
import org.stepwise.simulator.cohort.Cohort;
import org.stepwise.simulator.cohort.CohortGenerator;
import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.PatientHistory;
import org.stepwise.simulator.drive.Driver;
import org.stepwise.simulator.drive.TokenSource;
import org.stepwise.simulator.report.SimulationRun;

import tools.jackson.databind.json.JsonMapper;

/**
 * Generates a cohort and plays it against a running Stepwise: a history of
 * {@code --weeks} weeks ending yesterday, in the program's zone.
 */
public final class SimulatorMain {

	private static final String USAGE = """
			Usage: simulator [options]
			  --seed N            random seed (default 42)
			  --patients N        patients (default 20)
			  --weeks N           weeks of history, ending yesterday (default 12)
			  --program ID        program id (default program-sim)
			  --zone ZONE         the program's time zone (default America/Chicago)
			  --base-urls A,B[,P] attendance-service, assessment-service and plan-service base URLs
			                      (default http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083);
			                      leave plan-service out (two URLs) to enrol no plans
			  --token-url URL     OAuth2 token endpoint for a client-credentials token (default: no token)
			  --client-id ID      (default stepwise-ingest)
			  --client-secret S   (default ingest-secret)
			  --plan-client-id ID     the client of plan-service enrolments, a program admin of the program
			                          (default admin-a; needs --token-url)
			  --plan-client-secret S  (default demo)
			  --concurrency N     requests in flight at most (default 16)
			  --day-millis N      a clinical day lasts at least N ms (default 750: 12 weeks in about a minute;
			                      faster, assessment-service's events fall days behind attendance-service's)
			  --truth-out FILE    write the ground truth (and safety submission times) as JSON to FILE,
			                      the input of the rule-quality report (ReportMain --run FILE)
			  --dry-run           generate and summarize only, send nothing
			""";

	private SimulatorMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		if (options.containsKey("help")) {
			System.out.print(USAGE);
			return;
		}
		Cohort cohort = cohort(options);
		System.out.println(summary(cohort));
		if (options.containsKey("dry-run")) {
			writeRun(options, cohort, Map.of());
			return;
		}
		Driver.Result result = drive(options, cohort, Driver.Pacing.NONE);
		System.out.printf("Played %d requests in %.1f s (%.0f requests/s)%n", result.stats().total(),
				result.elapsed().toMillis() / 1000.0,
				result.stats().total() * 1000.0 / Math.max(1, result.elapsed().toMillis()));
		System.out.print(result.stats().table());
		result.stats().samples().forEach((endpoint, samples) -> {
			System.out.println("Sample answers of " + endpoint + ":");
			samples.forEach((s) -> System.out.println("  " + s));
		});
		writeRun(options, cohort, result.safetySubmittedAt());
	}

	/**
	 * Plays the cohort the arguments describe (as {@link #main}) and prints nothing: for
	 * a caller that reports the answers its own way (the local stack's demo).
	 */
	public static Driver.Result play(String... args) throws Exception {
		return play(Driver.Pacing.NONE, args);
	}

	/**
	 * As {@link #play(String...)}, holding the driver where {@code pacing} says (the demo
	 * sends its other programs' facts between the cohort's days, in clinical order).
	 */
	public static Driver.Result play(Driver.Pacing pacing, String... args) throws Exception {
		Map<String, String> options = parse(args);
		return drive(options, cohort(options), pacing);
	}

	private static Cohort cohort(Map<String, String> options) {
		long seed = Long.parseLong(options.getOrDefault("seed", "42"));
		int patients = Integer.parseInt(options.getOrDefault("patients", "20"));
		int weeks = Integer.parseInt(options.getOrDefault("weeks", "12"));
		ZoneId zone = ZoneId.of(options.getOrDefault("zone", "America/Chicago"));
		LocalDate firstDay = LocalDate.now(zone).minusDays(weeks * 7L);
		CohortSpec spec = CohortSpec.of(seed, patients, weeks, firstDay)
			.withProgram(options.getOrDefault("program", "program-sim"), zone);
		return CohortGenerator.generate(spec);
	}

	private static Driver.Result drive(Map<String, String> options, Cohort cohort, Driver.Pacing pacing)
			throws Exception {
		String[] urls = options
			.getOrDefault("base-urls", "http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083")
			.split(",");
		if (urls.length < 2) {
			throw new IllegalArgumentException("--base-urls needs at least attendance-service and assessment-service");
		}
		Driver.Config config = new Driver.Config(URI.create(urls[0].trim()), URI.create(urls[1].trim()),
				(urls.length > 2) ? URI.create(urls[2].trim()) : null,
				Integer.parseInt(options.getOrDefault("concurrency", "16")),
				Duration.ofMillis(Long.parseLong(options.getOrDefault("day-millis", "750"))));
		try (HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build()) {
			TokenSource tokens = options.containsKey("token-url")
					? TokenSource.clientCredentials(http, URI.create(options.get("token-url")),
							options.getOrDefault("client-id", "stepwise-ingest"),
							options.getOrDefault("client-secret", "ingest-secret"), Clock.systemUTC())
					: TokenSource.NONE;
			TokenSource planTokens = options.containsKey("token-url") ? TokenSource.clientCredentials(http,
					URI.create(options.get("token-url")), options.getOrDefault("plan-client-id", "admin-a"),
					options.getOrDefault("plan-client-secret", "demo"), Clock.systemUTC()) : TokenSource.NONE;
			return new Driver(config, http, tokens, planTokens, Clock.systemUTC()).run(cohort, pacing);
		}
	}

	private static void writeRun(Map<String, String> options, Cohort cohort, Map<String, Instant> safetySubmittedAt)
			throws java.io.IOException {
		if (!options.containsKey("truth-out")) {
			return;
		}
		Path out = Path.of(options.get("truth-out"));
		SimulationRun run = new SimulationRun(cohort.spec().programId(), cohort.spec().zone().getId(), cohort.truth(),
				safetySubmittedAt);
		Files.write(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsBytes(run));
		System.out.println("Ground truth written to " + out);
	}

	static String summary(Cohort cohort) {
		Map<Archetype, Integer> archetypes = new java.util.EnumMap<>(Archetype.class);
		int checkIns = 0;
		int assessments = 0;
		int attendance = 0;
		for (PatientHistory p : cohort.patients()) {
			archetypes.merge(p.profile().archetype(), 1, Integer::sum);
			checkIns += p.checkIns().size();
			assessments += p.assessments().size();
			attendance += p.attendance().size();
		}
		return String.format(
				"Cohort seed %d: %d patients over %d weeks from %s (%s); %d sessions, %d attendance records, "
						+ "%d check-ins, %d assessments; archetypes %s",
				cohort.spec().seed(), cohort.patients().size(), cohort.spec().weeks(), cohort.spec().firstDay(),
				cohort.spec().zone(), cohort.sessions().size(), attendance, checkIns, assessments, archetypes);
	}

	static Map<String, String> parse(String[] args) {
		return CommandLine.options(args, Set.of("dry-run"), USAGE);
	}

}
