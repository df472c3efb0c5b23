package org.stepwise.contracts;

import java.util.List;

/**
 * Kafka topic names. Every topic is keyed by patient id except {@link #PROGRAMS} (program
 * id).
 */
public final class Topics {

	public static final String ATTENDANCE = "stepwise.attendance.v1";

	public static final String CHECKINS = "stepwise.checkins.v1";

	public static final String ASSESSMENTS = "stepwise.assessments.v1";

	public static final String PLANS = "stepwise.plans.v1";

	public static final String PROGRESS = "stepwise.progress.v1";

	public static final String ALERTS = "stepwise.alerts.v1";

	/** Compacted; keyed by program id. */
	public static final String PROGRAMS = "stepwise.programs.v1";

	/**
	 * Audit records of every read or change of patient data; keyed by patient id (program
	 * id when no single patient is concerned). Nobody in Stepwise consumes it: it feeds
	 * the organisation's audit archive.
	 */
	public static final String AUDIT = "stepwise.audit.v1";

	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	/**
	 * The largest record a dead-letter topic takes (its {@code max.message.bytes}): twice
	 * the broker's default for the topics themselves, so a record that just fits its own
	 * topic still fits its dead-letter twin with the reason headers added.
	 */
	public static final int DEAD_LETTER_MAX_RECORD_BYTES = 2 * 1024 * 1024;

	/** Every topic that carries events, without dead-letter topics. */
	public static final List<String> ALL = List.of(ATTENDANCE, CHECKINS, ASSESSMENTS, PLANS, PROGRESS, ALERTS, PROGRAMS,
			AUDIT);

	private Topics() {
	}

	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

	public static boolean isCompacted(String topic) {
		return PROGRAMS.equals(topic);
	}

}
