package org.stepwise.localstack;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.stepwise.simulator.SimulatorMain;
import org.stepwise.simulator.drive.Driver;

/**
 * {@code ./stepwise --demo}: once the stack is up, the cohort simulator plays a small
 * synthetic program-a cohort (eight weeks of history ending yesterday) through the real
 * APIs with the demo accounts' tokens, so the console and the dashboards have realistic
 * data within a minute; then {@link DemoPrograms} adds the other kinds of IOP and
 * aftercare. The same seed every time: a restart plays the same requests, which their
 * idempotency keys turn into no-ops, and the plans already there answer 409: that is
 * reported as one line, not as failures.
 */
final class DemoCohort {

	static final String FLAG = "--demo";

	/** The cohort: eight weeks of program-a, in its zone. */
	private static final int WEEKS = 8;

	private static final ZoneId ZONE = ZoneId.of("America/Chicago");

	/**
	 * The cohort's clinical times are past days played in compressed time, so
	 * plan-service evaluates on event time (on the wall clock every rule window would end
	 * today).
	 */
	static final Map<String, String> SERVICE_ENV = Map.of("STEPWISE_CLINICAL_TIME", "events");

	private DemoCohort() {
	}

	/** The simulator's arguments for this stack. */
	static String[] arguments(StackOptions options) {
		String baseUrls = String.join(",", url(options, "attendance-service"), url(options, "assessment-service"),
				url(options, "plan-service"));
		return new String[] { "--seed", "2026", "--patients", "12", "--weeks", Integer.toString(WEEKS), "--program",
				"program-a", "--zone", ZONE.getId(), "--base-urls", baseUrls, "--token-url",
				"http://" + options.reachableHost() + ":" + options.idpPort() + "/oauth2/token" };
	}

	/**
	 * Plays the cohort on a background thread; the stack keeps running whatever happens.
	 */
	static void playInBackground(StackOptions options) {
		Thread.ofPlatform().name("stepwise-demo").daemon().start(() -> {
			System.out.println("Demo: playing a synthetic cohort of 12 patients into program-a...");
			try {
				DemoPrograms programs = new DemoPrograms(options);
				Driver.Pacing pacing = programs.interleavedWith(LocalDate.now(ZONE).minusWeeks(WEEKS), ZONE);
				System.out.println("Demo: " + outcome(SimulatorMain.play(pacing, arguments(options)).stats().counts()));
				System.out.println("Demo: " + programs.finish());
				System.out.println(
						"Demo: log in to the console at " + url(options, "alert-service") + " as clinician-a1 / demo.");
			}
			catch (Exception ex) {
				System.err.println("Demo: the cohort could not be played: " + ex);
			}
		});
	}

	/**
	 * One line for what the services answered: a 409 means the data was there already (a
	 * second run on the same data), any other failure is counted as one.
	 */
	static String outcome(Map<String, Map<Integer, Long>> answersByEndpoint) {
		long total = 0;
		long conflicts = 0;
		long failed = 0;
		Map<String, Map<Integer, Long>> failures = new java.util.TreeMap<>();
		for (Map.Entry<String, Map<Integer, Long>> endpoint : answersByEndpoint.entrySet()) {
			for (Map.Entry<Integer, Long> answer : endpoint.getValue().entrySet()) {
				int status = answer.getKey();
				total += answer.getValue();
				if (status == 409) {
					conflicts += answer.getValue();
				}
				else if (status < 200 || status >= 300) {
					failed += answer.getValue();
					failures.computeIfAbsent(endpoint.getKey(), (key) -> new java.util.TreeMap<>())
						.put(status, answer.getValue());
				}
			}
		}
		if (failed > 0) {
			return failed + " of " + total + " requests failed (status 0: no answer): " + failures;
		}
		if (conflicts > 0) {
			return "demo cohort already loaded (" + conflicts + " requests found their data there)";
		}
		return "done: " + total + " requests played";
	}

	/**
	 * The stack's options from the whole command line: the demo signs in with the demo
	 * accounts, so {@code --demo} implies {@code --demo-accounts}.
	 */
	static StackOptions stackOptions(String[] args) {
		StackOptions options = StackOptions.parse(withoutFlag(args));
		return requested(args) ? options.withDemoAccounts(true) : options;
	}

	/** The command line without the demo flag, for the stack's own options. */
	static String[] withoutFlag(String[] args) {
		return List.of(args).stream().filter((arg) -> !FLAG.equals(arg)).toArray(String[]::new);
	}

	static boolean requested(String[] args) {
		return List.of(args).contains(FLAG);
	}

	private static String url(StackOptions options, String service) {
		return options.services()
			.stream()
			.filter((spec) -> spec.name().equals(service))
			.map((spec) -> "http://" + options.reachableHost() + ":" + spec.port())
			.findFirst()
			.orElseThrow(() -> new StackException("--demo needs the services; it cannot run with --infra-only"));
	}

}
