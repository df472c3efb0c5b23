package org.stepwise.attendance.summary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import org.stepwise.attendance.record.AttendanceRecord;
import org.stepwise.attendance.record.AttendanceRepository;
import org.stepwise.attendance.session.Session;
import org.stepwise.attendance.session.SessionRepository;
import org.stepwise.attendance.summary.AttendanceCalculator.Mark;
import org.stepwise.attendance.summary.AttendanceCalculator.RosteredSession;

/**
 * Read models over sessions and records: per-patient summaries and sessions nobody
 * recorded.
 */
@Service
public class AttendanceReports {

	/** How far back the unrecorded-sessions report looks. */
	static final Duration UNRECORDED_LOOKBACK = Duration.ofDays(30);

	private final SessionRepository sessions;

	private final AttendanceRepository records;

	private final Clock clock;

	private final Duration unrecordedAfter;

	private final AtomicInteger unrecordedSessions = new AtomicInteger();

	AttendanceReports(SessionRepository sessions, AttendanceRepository records, Clock clock, MeterRegistry meters,
			AttendanceProperties properties) {
		this.sessions = sessions;
		this.records = records;
		this.clock = clock;
		this.unrecordedAfter = properties.unrecordedAfter();
		Gauge.builder("stepwise.attendance.unrecorded.sessions", this.unrecordedSessions, AtomicInteger::get)
			.description("Sessions that ended more than the configured hours ago without attendance for every patient")
			.register(meters);
	}

	/** The programs in which the patient is on a roster or has attendance. */
	public Set<String> programsOf(String patientId) {
		Set<String> programs = new java.util.TreeSet<>();
		this.sessions.findByRosterMember(patientId).forEach((s) -> programs.add(s.programId()));
		this.records.findByPatientIdOrderByOccurredAtAsc(patientId).forEach((r) -> programs.add(r.programId()));
		return programs;
	}

	/** Attendance of a patient over the sessions and records of these programs. */
	public AttendanceSummary summary(String patientId, Set<String> programs, LocalDate from, LocalDate to,
			ZoneId zone) {
		List<RosteredSession> rostered = this.sessions.findByRosterMember(patientId)
			.stream()
			.filter((s) -> programs.contains(s.programId()))
			.map((s) -> new RosteredSession(s.id(), s.startsAt(), s.endsAt(), s.cancelled()))
			.toList();
		Map<String, Mark> marks = this.records.findByPatientIdOrderByOccurredAtAsc(patientId)
			.stream()
			.filter((r) -> programs.contains(r.programId()))
			.map((r) -> new Mark(r.sessionId(), r.status(), r.minutesAttended()))
			.collect(Collectors.toMap(Mark::sessionId, Function.identity()));
		return AttendanceCalculator.summarize(rostered, marks, from, to, zone, this.clock.instant());
	}

	/**
	 * A session that ended without attendance for some of its patients: staff should
	 * record it.
	 */
	public record UnrecordedSession(String sessionId, String programId, Instant startsAt, Instant endsAt,
			int patientsWithoutRecord) {
	}

	public List<UnrecordedSession> unrecorded(Duration olderThan) {
		Instant now = this.clock.instant();
		List<Session> ended = this.sessions.findEndedBetween(now.minus(UNRECORDED_LOOKBACK), now.minus(olderThan));
		Set<String> recorded = this.records
			.findAllById(ended.stream()
				.flatMap((s) -> s.roster().stream().map((p) -> AttendanceRecord.idOf(s.id(), p)))
				.toList())
			.stream()
			.map(AttendanceRecord::id)
			.collect(Collectors.toSet());
		return ended.stream()
			.map((s) -> new UnrecordedSession(s.id(), s.programId(), s.startsAt(), s.endsAt(),
					(int) s.roster()
						.stream()
						.filter((p) -> !recorded.contains(AttendanceRecord.idOf(s.id(), p)))
						.count()))
			.filter((s) -> s.patientsWithoutRecord() > 0)
			.toList();
	}

	@Scheduled(fixedDelayString = "${stepwise.attendance.unrecorded-check-interval:PT1M}", initialDelay = 10_000)
	void refreshUnrecordedGauge() {
		this.unrecordedSessions.set(unrecorded(this.unrecordedAfter).size());
	}

}
