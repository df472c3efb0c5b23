package org.stepwise.alert.caseload;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.attendance.AttendanceStatus;

/**
 * One patient on the caseload page: what the newest plan, progress assessment, check-in
 * and the last two weeks' attendance say. One document per patient whose size does not
 * grow with the patient's history: the risk levels of the last
 * {@value Caseload#KEPT_DAYS} days (one per day) and the attendance records of as many
 * days, nothing older. Updated by {@link Caseload#apply}, idempotently: every part keeps
 * the version, revision or time of what it was made from and ignores older or repeated
 * events.
 *
 * @param careTeam the clinicians on the patient's care team (indexed with the program: a
 * clinician's caseload is one query)
 * @param planVersion the plan version applied; 0 before any plan
 * @param levelOfCare the ASAM level code of the newest plan
 * @param weeklyHours the plan's weekly hours
 * @param riskRevision the progress revision applied
 * @param riskLevel {@code LOW}, {@code MODERATE} or {@code HIGH}: the rules' relapse
 * risk, raised by the early warning ({@link Caseload#level})
 * @param lapsePercent the early warning's chance of use in 7 days, if any
 * @param riskDays the level on each of the last days (the last assessment of the day)
 * @param lastCheckInAt the newest check-in's clinical time
 * @param sessions the attendance records of the last days, by record (corrections
 * replace)
 * @param phase the newest plan's phase: IOP, AFTERCARE or CLOSED (null on cards from
 * before phases were kept: IOP)
 * @param phaseSince the first clinical day of that phase
 */
@Document("caseload")
@CompoundIndex(name = "care_team_program", def = "{'careTeam': 1, 'programId': 1}")
public record CaseloadCard(@Id String patientId, @Indexed String programId, List<String> careTeam, int planVersion,
		@Nullable String levelOfCare, @Nullable BigDecimal weeklyHours, long riskRevision, @Nullable String riskLevel,
		@Nullable Integer lapsePercent, List<RiskDay> riskDays, @Nullable Instant lastCheckInAt,
		List<SessionMark> sessions, @Nullable String phase, @Nullable LocalDate phaseSince) {

	public CaseloadCard {
		careTeam = List.copyOf(careTeam == null ? List.of() : careTeam);
		riskDays = List.copyOf(riskDays == null ? List.of() : riskDays);
		sessions = List.copyOf(sessions == null ? List.of() : sessions);
	}

	/** A card of a patient in treatment (IOP), as before phases were kept. */
	public CaseloadCard(String patientId, String programId, List<String> careTeam, int planVersion,
			@Nullable String levelOfCare, @Nullable BigDecimal weeklyHours, long riskRevision,
			@Nullable String riskLevel, @Nullable Integer lapsePercent, List<RiskDay> riskDays,
			@Nullable Instant lastCheckInAt, List<SessionMark> sessions) {
		this(patientId, programId, careTeam, planVersion, levelOfCare, weeklyHours, riskRevision, riskLevel,
				lapsePercent, riskDays, lastCheckInAt, sessions, null, null);
	}

	/** The relapse-risk level on one clinical day. */
	public record RiskDay(LocalDate day, String level) {
	}

	/**
	 * One attendance record.
	 *
	 * @param revision 0 as first recorded, then each correction's
	 */
	public record SessionMark(String recordId, Instant at, AttendanceStatus status, int revision) {
	}

}
