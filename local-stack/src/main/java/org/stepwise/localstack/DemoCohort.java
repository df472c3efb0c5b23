package org.stepwise.localstack;

import java.util.List;
import java.util.Map;

import org.stepwise.simulator.SimulatorMain;

/**
 * {@code ./stepwise --demo}: once the stack is up, the cohort simulator plays a small
 * synthetic program-a cohort (eight weeks of history ending yesterday) through the real
 * APIs with the demo accounts' tokens, so the console and the dashboards have realistic
 * data within a minute. The same seed every time: a restart plays the same requests,
 * which their idempotency keys turn into no-ops.
 */
final class DemoCohort {

	static final String FLAG = "--demo";

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
		return new String[] { "--seed", "2026", "--patients", "12", "--weeks", "8", "--program", "program-a", "--zone",
				"America/Chicago", "--base-urls", baseUrls, "--token-url",
				"http://127.0.0.1:" + options.idpPort() + "/oauth2/token" };
	}

	/**
	 * Plays the cohort on a background thread; the stack keeps running whatever happens.
	 */
	static void playInBackground(StackOptions options) {
		Thread.ofPlatform().name("stepwise-demo").daemon().start(() -> {
			System.out.println("Demo: playing a synthetic cohort of 12 patients into program-a...");
			try {
				SimulatorMain.main(arguments(options));
				System.out.println("Demo: done. Log in to the console at " + url(options, "alert-service")
						+ " as clinician-a1 / demo.");
			}
			catch (Exception ex) {
				System.err.println("Demo: the cohort could not be played: " + ex);
			}
		});
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
			.map((spec) -> "http://127.0.0.1:" + spec.port())
			.findFirst()
			.orElseThrow(() -> new StackException("--demo needs the services; it cannot run with --infra-only"));
	}

}
