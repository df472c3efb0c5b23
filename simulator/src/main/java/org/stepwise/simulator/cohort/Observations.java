package org.stepwise.simulator.cohort;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.attendance.AttendanceStatus;

/**
 * What a synthetic patient produces, in the shape the HTTP APIs take it.
 */
public final class Observations {

	private Observations() {
	}

	/** One thing a patient produces on a day, as one request carries it. */
	public sealed interface Observation permits Attendance, CheckIn, Assessment {

		String patientId();

		int dayIndex();

	}

	/** Attendance of one patient at one session. */
	public record Attendance(String sessionKey, String patientId, int dayIndex, AttendanceStatus status,
			int minutesAttended) implements Observation {
	}

	/**
	 * A daily check-in.
	 *
	 * @param confidence abstinence self-efficacy, 0-10: how confident the patient is that
	 * they will not use in the next 7 days (10 = fully confident)
	 * @param highRiskSituation a high-risk situation is coming up
	 * @param highRiskCategory a {@link org.stepwise.contracts.checkin.HighRiskCategory}
	 * name when {@code highRiskSituation}, else null
	 */
	public record CheckIn(String patientId, int dayIndex, Instant occurredAt, int mood, int craving,
			boolean usedSinceLastCheckIn, List<String> substances, BigDecimal sleepHours, int stress,
			boolean medicationTakenAsPrescribed, int confidence, boolean highRiskSituation,
			@Nullable String highRiskCategory) implements Observation {

		public CheckIn {
			substances = List.copyOf(substances);
		}

	}

	/** One drug-screen result. */
	public record Analyte(String analyte, boolean positive, boolean confirmatory, boolean prescribed) {

		public boolean countsAsUse() {
			return this.positive && !this.prescribed;
		}

	}

	/**
	 * A standardized instrument with item-level responses (or analytes for a drug
	 * screen).
	 *
	 * @param intendedTotal the total the items were drawn to score to (PHQ-9, GAD-7),
	 * null otherwise
	 */
	public record Assessment(String patientId, int dayIndex, Instrument instrument, Instant occurredAt,
			Map<String, Integer> items, List<Analyte> analytes,
			@Nullable Integer intendedTotal) implements Observation {

		public Assessment {
			items = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(items));
			analytes = List.copyOf(analytes);
		}

		public int sum(List<String> ids) {
			return ids.stream().mapToInt((id) -> this.items.getOrDefault(id, 0)).sum();
		}

		public int total() {
			return this.items.values().stream().mapToInt(Integer::intValue).sum();
		}

	}

}
