package org.stepwise.alert.caseload;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caseload card: idempotent (older or repeated events change nothing), bounded (no
 * part grows with history), and what the page shows (attendance share, risk trend).
 */
class CaseloadTest {

	static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");

	@Test
	void theNewestPlanWinsAndAnOlderOrRepeatedOneChangesNothing() {
		CaseloadCard card = Caseload.empty("p-1", "program-a");
		card = Caseload.apply(card, plan(2, "2.5", 20, "clinician-a1"), CHICAGO);
		CaseloadCard again = Caseload.apply(card, plan(2, "2.5", 20, "clinician-a1"), CHICAGO);
		CaseloadCard older = Caseload.apply(card, plan(1, "2.1", 9, "clinician-a2"), CHICAGO);
		assertThat(again).isEqualTo(card);
		assertThat(older).isEqualTo(card);
		assertThat(card.levelOfCare()).isEqualTo("2.5");
		assertThat(card.careTeam()).containsExactly("clinician-a1");
	}

	@Test
	void attendanceShareCountsTheLast14DaysWithCorrectionsAndKeepsNothingOlder() {
		CaseloadCard card = Caseload.empty("p-1", "program-a");
		for (int day = 0; day < 60; day++) {
			card = Caseload.apply(card,
					attended("r-" + day, (day % 2 == 0) ? AttendanceStatus.ATTENDED : AttendanceStatus.NO_SHOW,
							NOW.minus(Duration.ofDays(60 - day))),
					CHICAGO);
		}
		assertThat(card.sessions()).hasSizeLessThanOrEqualTo(Caseload.KEPT_DAYS + 1);
		// days 46..59 are in the window: 14 sessions, every other one attended
		Caseload.Share share = Caseload.attendance(card, NOW);
		assertThat(share.counted()).isEqualTo(14);
		assertThat(share.attended()).isEqualTo(7);
		assertThat(share.percent()).isEqualTo(50);

		// a no-show corrected to excused no longer counts; the same correction again
		// changes nothing
		CaseloadCard corrected = Caseload.apply(card, correction("r-59", AttendanceStatus.EXCUSED, 1), CHICAGO);
		assertThat(Caseload.apply(corrected, correction("r-59", AttendanceStatus.EXCUSED, 1), CHICAGO))
			.isEqualTo(corrected);
		assertThat(Caseload.attendance(corrected, NOW).counted()).isEqualTo(13);
		// a record older than the window changes nothing
		assertThat(Caseload.apply(card, attended("r-old", AttendanceStatus.ATTENDED, NOW.minus(Duration.ofDays(90))),
				CHICAGO))
			.isEqualTo(card);
	}

	@Test
	void theRiskTrendComparesWithAWeekAgoAndTheDaysKeptAreBounded() {
		CaseloadCard card = Caseload.empty("p-1", "program-a");
		for (int day = 30; day >= 8; day--) {
			card = Caseload.apply(card, progress(40 - day, RiskLevel.LOW, null, NOW.minus(Duration.ofDays(day))),
					CHICAGO);
		}
		card = Caseload.apply(card, progress(40, RiskLevel.MODERATE, null, NOW), CHICAGO);
		assertThat(card.riskDays()).hasSizeLessThanOrEqualTo(Caseload.KEPT_DAYS + 1);
		assertThat(card.riskLevel()).isEqualTo("MODERATE");
		assertThat(Caseload.trend(card, NOW, CHICAGO)).isEqualTo("up");
		// a redelivered older assessment changes nothing
		assertThat(Caseload.apply(card, progress(12, RiskLevel.HIGH, null, NOW), CHICAGO)).isEqualTo(card);

		CaseloadCard calmer = Caseload.apply(card, progress(41, RiskLevel.LOW, null, NOW.plusSeconds(60)), CHICAGO);
		assertThat(Caseload.trend(calmer, NOW.plusSeconds(60), CHICAGO)).isEqualTo("steady");
		assertThat(Caseload.trend(
				Caseload.apply(Caseload.empty("p-2", "program-a"), progress(1, RiskLevel.HIGH, null, NOW), CHICAGO),
				NOW, CHICAGO))
			.as("nothing a week old to compare with")
			.isNull();
	}

	@Test
	void theEarlyWarningRaisesTheLevelShown() {
		LapseRisk elevated = new LapseRisk(34, LapseRiskLevel.ELEVATED, "m", List.of());
		LapseRisk high = new LapseRisk(61, LapseRiskLevel.HIGH, "m", List.of());
		assertThat(Caseload.level(RiskLevel.LOW, null)).isEqualTo("LOW");
		assertThat(Caseload.level(RiskLevel.LOW, elevated)).isEqualTo("MODERATE");
		assertThat(Caseload.level(RiskLevel.MODERATE, high)).isEqualTo("HIGH");
		CaseloadCard card = Caseload.apply(Caseload.empty("p-1", "program-a"),
				progress(1, RiskLevel.LOW, elevated, NOW), CHICAGO);
		assertThat(card.lapsePercent()).isEqualTo(34);
	}

	@Test
	void theLastCheckInIsTheNewestWhateverTheOrder() {
		CaseloadCard card = Caseload.empty("p-1", "program-a");
		card = Caseload.apply(card, checkIn(NOW), CHICAGO);
		card = Caseload.apply(card, checkIn(NOW.minus(Duration.ofDays(2))), CHICAGO);
		assertThat(card.lastCheckInAt()).isEqualTo(NOW);
	}

	@Test
	void thePhaseAfterTreatmentIsShownInWordsAndKeptThroughOtherEvents() {
		CaseloadCard card = Caseload.apply(Caseload.empty("p-1", "program-a"), plan(1, "1.0", 3, "clinician-a1"),
				CHICAGO);
		assertThat(Caseload.phase(card, NOW, CHICAGO)).as("in treatment: nothing to add").isNull();
		// discharged on Monday 2 November: 6 December (a Sunday in Chicago) is day 34,
		// week 5
		card = Caseload.apply(card, phase(2, "AFTERCARE", LocalDate.of(2026, 11, 2)), CHICAGO);
		card = Caseload.apply(card, checkIn(NOW.minus(Duration.ofHours(1))), CHICAGO);
		card = Caseload.apply(card, progress(1, RiskLevel.LOW, null, NOW), CHICAGO);
		assertThat(card.phase()).isEqualTo("AFTERCARE");
		assertThat(Caseload.phase(card, NOW, CHICAGO)).isEqualTo("Aftercare, week 5");
		assertThat(Caseload.phase(card, Instant.parse("2026-11-02T18:00:00Z"), CHICAGO)).isEqualTo("Aftercare, week 1");
		assertThat(Caseload.phase(Caseload.apply(card, phase(3, "CLOSED", LocalDate.of(2027, 11, 2)), CHICAGO), NOW,
				CHICAGO))
			.isEqualTo("Closed");
	}

	private static PlanChanged phase(int version, String phase, LocalDate since) {
		return new PlanChanged("plan-1", "program-a", "p-1", version, new LevelOfCare("1.0", 3), false,
				BigDecimal.valueOf(3), 1, List.of("clinician-a1"), PlanMode.AUTOMATIC, false, LocalDate.of(2026, 8, 3),
				ChangeDirection.UNCHANGED_INTENSITY, "clinician-a1", List.of(), "test", NOW, PlanPhase.valueOf(phase),
				since);
	}

	private static PlanChanged plan(int version, String level, int hours, String clinician) {
		return new PlanChanged("plan-1", "program-a", "p-1", version, new LevelOfCare(level, 3), false,
				BigDecimal.valueOf(hours), 3, List.of(clinician), PlanMode.AUTOMATIC, false, LocalDate.of(2026, 11, 1),
				ChangeDirection.ENROLLED, "admin-a", List.of(), "test", NOW);
	}

	private static ProgressAssessed progress(long revision, RiskLevel level, LapseRisk warning, Instant at) {
		return new ProgressAssessed("program-a", "p-1", revision, level, false, List.of(), List.of("clinician-a1"),
				List.of("e-" + revision), "test", at, warning);
	}

	private static AttendanceRecorded attended(String recordId, AttendanceStatus status, Instant at) {
		return new AttendanceRecorded(recordId, "s-" + recordId, "program-a", "p-1", SessionType.GROUP, status,
				status.present() ? 180 : 0, 180, at, at);
	}

	private static AttendanceCorrected correction(String recordId, AttendanceStatus status, int revision) {
		Instant at = NOW.minus(Duration.ofDays(1));
		return new AttendanceCorrected(recordId, "s-" + recordId, "program-a", "p-1", SessionType.GROUP,
				AttendanceStatus.NO_SHOW, status, 0, 180, revision, "clinician-a1", at, at);
	}

	private static CheckInSubmitted checkIn(Instant at) {
		return new CheckInSubmitted("c-" + at.toEpochMilli(), "program-a", "p-1", 6, 3, false, List.of(),
				BigDecimal.valueOf(7), 3, true, Set.of(), at, at);
	}

}
