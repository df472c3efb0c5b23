package org.stepwise.simulator.earlywarning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.stepwise.contracts.progress.LapseRiskLevel;

/**
 * The early warning's parity check (issue 17 item 5): the relapse-risk alert of each
 * sampled patient, day by day, as the offline path computes it ({@link OfflineReplay})
 * against what the running stack published (plan-service's progress events, whose level
 * alert-service's one RELAPSE_RISK alert follows) and what alert-service holds. Pure.
 */
public final class ParityComparison {

	private ParityComparison() {
	}

	/**
	 * One progress event of plan-service.
	 *
	 * @param revision orders events of the same clinical instant
	 * @param alertLevel {@code LapseRisk.alertLevel(riskLevel, lapseRisk)} of the event
	 */
	public record StackAssessment(String patientId, Instant assessedAt, long revision, LapseRiskLevel alertLevel) {
	}

	/**
	 * One RELAPSE_RISK alert of alert-service.
	 *
	 * @param opened the clinical day of its {@code firstAssessedAt}
	 * @param active open or acknowledged (not resolved)
	 */
	public record StackAlert(String patientId, LocalDate opened, String severity, boolean active) {
	}

	/**
	 * A stretch of days with a relapse-risk alert.
	 *
	 * @param resolved the first day without the alert again; null while it is still open
	 * on the patient's last compared day
	 * @param levels the level each day from {@code opened} ends with, to the day before
	 * {@code resolved}
	 */
	public record Episode(LocalDate opened, @Nullable LocalDate resolved, List<LapseRiskLevel> levels) {

		/**
		 * E.g. {@code 01-12..01-19 MMHHHHMM, resolved 01-20}; an episode that opened and
		 * resolved within a day has no days of its own.
		 */
		String describe() {
			StringBuilder days = new StringBuilder();
			this.levels.forEach((level) -> days
				.append((level == LapseRiskLevel.HIGH) ? 'H' : (level == LapseRiskLevel.ELEVATED) ? 'M' : '-'));
			String span = this.levels.isEmpty() ? monthDay(this.opened) + " within the day" : monthDay(this.opened)
					+ ".." + monthDay(this.opened.plusDays(this.levels.size() - 1L)) + " " + days;
			return span + ((this.resolved != null) ? ", resolved " + monthDay(this.resolved) : ", open");
		}

	}

	/** Where the stack and the offline path disagree. */
	public record Difference(String patientId, @Nullable LocalDate day, String what) {

		@Override
		public String toString() {
			return this.patientId + ((this.day != null) ? " " + this.day : "") + ": " + this.what;
		}

	}

	/** One sampled patient over the days both paths cover. */
	public record PatientParity(String patientId, LocalDate first, LocalDate last, List<Episode> offline,
			List<Episode> stack, List<Difference> differences) {

		public boolean agrees() {
			return this.differences.isEmpty();
		}

	}

	public record Result(List<PatientParity> patients) {

		public int episodes() {
			return this.patients.stream().mapToInt((p) -> p.offline().size()).sum();
		}

		public List<Difference> differences() {
			return this.patients.stream().flatMap((p) -> p.differences().stream()).toList();
		}

		public boolean agrees() {
			return this.patients.stream().allMatch(PatientParity::agrees);
		}

		/** One line per patient: its days and its alert episodes on both paths. */
		public String table() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT, "%-14s %-13s %-6s %s%n", "patient", "days", "agree",
					"alert episodes (offline | stack; M = MEDIUM, H = HIGH per day)"));
			for (PatientParity p : this.patients) {
				out.append(String.format(Locale.ROOT, "%-14s %s..%s %-6s %s | %s%n", p.patientId(), monthDay(p.first()),
						monthDay(p.last()), p.agrees() ? "yes" : "NO", episodes(p.offline()), episodes(p.stack())));
			}
			return out.toString();
		}

		/** "parity: N patients, M alert episodes, all agree", or the differences. */
		public String verdict() {
			List<Difference> differences = differences();
			if (differences.isEmpty()) {
				return String.format(Locale.ROOT, "parity: %d patients, %d alert episodes, all agree",
						this.patients.size(), episodes());
			}
			StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
					"parity: %d patients, %d alert episodes offline, %d differences in %d patients:",
					this.patients.size(), episodes(), differences.size(),
					this.patients.stream().filter((p) -> !p.agrees()).count()));
			differences.forEach((d) -> out.append(System.lineSeparator()).append("  ").append(d));
			return out.toString();
		}

		private static String episodes(List<Episode> episodes) {
			return episodes.isEmpty() ? "-" : String.join("; ", episodes.stream().map(Episode::describe).toList());
		}

	}

	/**
	 * The offline path's alert of one patient.
	 *
	 * @param endOfDay the alert level at the end of each replayed day (from enrolment,
	 * consecutive days)
	 * @param changes every change of the level, at the evaluation that made it
	 */
	public record OfflineAlert(SortedMap<LocalDate, LapseRiskLevel> endOfDay, List<OfflineReplay.AlertChange> changes) {

		public OfflineAlert {
			endOfDay = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(endOfDay));
			changes = List.copyOf(changes);
		}

		public static OfflineAlert of(List<OfflineReplay.Day> days) {
			SortedMap<LocalDate, LapseRiskLevel> endOfDay = new TreeMap<>();
			List<OfflineReplay.AlertChange> changes = new ArrayList<>();
			for (OfflineReplay.Day day : days) {
				endOfDay.put(day.day(), day.alertLevel());
				changes.addAll(day.alertChanges());
			}
			return new OfflineAlert(endOfDay, changes);
		}

	}

	/**
	 * @param offline per patient the offline path's alert
	 * @param assessments the stack's progress events of these patients
	 * @param alerts alert-service's RELAPSE_RISK alerts of these patients
	 * @param lastDrivenDay the last day the stack was fed: a patient whose offline days
	 * end earlier (a dropout leaves the program) may have had more alerts in the stack
	 * since, which are not compared
	 */
	public static Result compare(Map<String, OfflineAlert> offline, List<StackAssessment> assessments,
			List<StackAlert> alerts, ZoneId zone, LocalDate lastDrivenDay) {
		List<PatientParity> patients = new ArrayList<>();
		offline.forEach((patientId, alert) -> {
			if (alert.endOfDay().isEmpty()) {
				return;
			}
			List<StackAssessment> own = assessments.stream()
				.filter((a) -> a.patientId().equals(patientId))
				.sorted(Comparator.comparing(StackAssessment::assessedAt).thenComparing(StackAssessment::revision))
				.toList();
			List<StackAlert> ownAlerts = alerts.stream()
				.filter((a) -> a.patientId().equals(patientId))
				.sorted(Comparator.comparing(StackAlert::opened))
				.toList();
			patients.add(patient(patientId, alert, own, ownAlerts, zone, lastDrivenDay));
		});
		return new Result(List.copyOf(patients));
	}

	private static PatientParity patient(String patientId, OfflineAlert offline, List<StackAssessment> assessments,
			List<StackAlert> alerts, ZoneId zone, LocalDate lastDrivenDay) {
		List<Difference> differences = new ArrayList<>();
		LocalDate last = offline.endOfDay().lastKey();
		Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
		// the stack's changes of the level within the compared days, as its events
		// give them
		List<OfflineReplay.AlertChange> changes = new ArrayList<>();
		LapseRiskLevel level = LapseRiskLevel.LOW;
		for (StackAssessment assessment : assessments) {
			if (assessment.assessedAt().isBefore(end) && assessment.alertLevel() != level) {
				level = assessment.alertLevel();
				changes.add(new OfflineReplay.AlertChange(assessment.assessedAt(), level));
			}
		}
		SortedMap<LocalDate, LapseRiskLevel> stack = new TreeMap<>();
		int next = 0;
		level = LapseRiskLevel.LOW;
		for (LocalDate day : offline.endOfDay().keySet()) {
			// the level a day ends with: the last change on or before it
			while (next < changes.size() && !LocalDate.ofInstant(changes.get(next).at(), zone).isAfter(day)) {
				level = changes.get(next).level();
				next++;
			}
			stack.put(day, level);
			if (offline.endOfDay().get(day) != level) {
				differences.add(new Difference(patientId, day, "alert level at the end of the day offline "
						+ name(offline.endOfDay().get(day)) + ", stack " + name(level)));
			}
		}
		for (OfflineReplay.AlertChange change : offline.changes()) {
			if (!changes.contains(change)) {
				differences
					.add(new Difference(patientId, LocalDate.ofInstant(change.at(), zone), "offline the alert became "
							+ name(change.level()) + " at " + time(change.at(), zone) + ", the stack's did not"));
			}
		}
		for (OfflineReplay.AlertChange change : changes) {
			if (!offline.changes().contains(change)) {
				differences
					.add(new Difference(patientId, LocalDate.ofInstant(change.at(), zone), "the stack's alert became "
							+ name(change.level()) + " at " + time(change.at(), zone) + ", offline it did not"));
			}
		}
		List<Episode> offlineEpisodes = episodes(offline.changes(), offline.endOfDay(), zone);
		List<Episode> stackEpisodes = episodes(changes, stack, zone);
		checkAlerts(patientId, offlineEpisodes, alerts, last, !last.isBefore(lastDrivenDay), differences);
		return new PatientParity(patientId, offline.endOfDay().firstKey(), last, offlineEpisodes, stackEpisodes,
				List.copyOf(differences));
	}

	/**
	 * alert-service holds one alert per episode, opened on the episode's first day, no
	 * longer active once the episode ended, and while it lasts to the end of the run at
	 * the severity of the last day.
	 */
	private static void checkAlerts(String patientId, List<Episode> episodes, List<StackAlert> alerts, LocalDate last,
			boolean lastIsEndOfRun, List<Difference> differences) {
		List<StackAlert> compared = alerts.stream().filter((a) -> !a.opened().isAfter(last)).toList();
		List<LocalDate> opened = episodes.stream().map(Episode::opened).toList();
		List<LocalDate> alertOpened = compared.stream().map(StackAlert::opened).toList();
		if (!opened.equals(alertOpened)) {
			differences.add(new Difference(patientId, null, "RELAPSE_RISK alerts opened on " + alertOpened
					+ " in alert-service, offline episodes open on " + opened));
			return;
		}
		for (int i = 0; i < episodes.size(); i++) {
			Episode episode = episodes.get(i);
			StackAlert alert = compared.get(i);
			if (episode.resolved() != null && alert.active()) {
				differences.add(new Difference(patientId, episode.resolved(), "the alert opened " + episode.opened()
						+ " is still active in alert-service, offline it " + "resolved"));
			}
			if (episode.resolved() == null && lastIsEndOfRun) {
				String severity = (episode.levels().getLast() == LapseRiskLevel.HIGH) ? "HIGH" : "MEDIUM";
				if (!alert.active() || !alert.severity().equals(severity)) {
					differences.add(new Difference(patientId, last,
							"alert-service's alert opened " + episode.opened() + " is "
									+ (alert.active() ? "active" : "resolved") + " at " + alert.severity()
									+ ", offline it is open at " + severity));
				}
			}
		}
	}

	/**
	 * The alert episodes of a patient's changes of level: from a change away from LOW to
	 * the next change to LOW (which may come at a midnight look, and the next episode
	 * open with a fact of the same day), with the levels the days in between end with.
	 */
	static List<Episode> episodes(List<OfflineReplay.AlertChange> changes,
			SortedMap<LocalDate, LapseRiskLevel> endOfDay, ZoneId zone) {
		List<Episode> episodes = new ArrayList<>();
		LocalDate opened = null;
		for (OfflineReplay.AlertChange change : changes) {
			LocalDate day = LocalDate.ofInstant(change.at(), zone);
			if (change.level() != LapseRiskLevel.LOW && opened == null) {
				opened = day;
			}
			else if (change.level() == LapseRiskLevel.LOW && opened != null) {
				episodes.add(new Episode(opened, day, levels(endOfDay, opened, day)));
				opened = null;
			}
		}
		if (opened != null) {
			episodes.add(new Episode(opened, null, levels(endOfDay, opened, endOfDay.lastKey().plusDays(1))));
		}
		return episodes;
	}

	/** The levels days {@code from} to before {@code to} end with. */
	private static List<LapseRiskLevel> levels(SortedMap<LocalDate, LapseRiskLevel> endOfDay, LocalDate from,
			LocalDate to) {
		return List.copyOf(endOfDay.subMap(from, to).values());
	}

	private static String time(Instant at, ZoneId zone) {
		return java.time.LocalDateTime.ofInstant(at, zone).toString().replace('T', ' ');
	}

	private static String name(LapseRiskLevel level) {
		return switch (level) {
			case LOW -> "none";
			case ELEVATED -> "MEDIUM";
			case HIGH -> "HIGH";
		};
	}

	private static String monthDay(LocalDate day) {
		return String.format(Locale.ROOT, "%02d-%02d", day.getMonthValue(), day.getDayOfMonth());
	}

}
