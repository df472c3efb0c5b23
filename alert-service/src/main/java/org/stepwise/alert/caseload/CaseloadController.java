package org.stepwise.alert.caseload;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.alert.access.AlertScope;
import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.alert.AlertRepository;
import org.stepwise.alert.console.Wording;
import org.stepwise.alert.program.Programs;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.Role;

/**
 * The signed-in user's caseload: a clinician's patients (those whose care team includes
 * them) in their programs, or every patient of a program admin's programs; with each
 * patient's open alerts that the caller may see. Indexed reads only (caseload by care
 * team and program, alerts by patient and status), each patient's read audited like any
 * patient read ({@link AlertScope}).
 */
@RestController
class CaseloadController {

	private static final Set<AlertStatus> ACTIVE = EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED);

	private final CaseloadRepository cards;

	private final AlertRepository alerts;

	private final AlertScope scope;

	private final Programs programs;

	private final Clock clock;

	CaseloadController(CaseloadRepository cards, AlertRepository alerts, AlertScope scope, Programs programs,
			Clock clock) {
		this.cards = cards;
		this.alerts = alerts;
		this.scope = scope;
		this.programs = programs;
		this.clock = clock;
	}

	@GetMapping("/console/caseload")
	List<Row> caseload(Caller caller) {
		Set<String> adminOf = new TreeSet<>();
		Set<String> clinicianIn = new TreeSet<>();
		for (String program : caller.programs()) {
			if (caller.isProgramAdminOf(program)) {
				adminOf.add(program);
			}
			else if (caller.has(Role.CLINICIAN)) {
				clinicianIn.add(program);
			}
		}
		Map<String, CaseloadCard> found = new LinkedHashMap<>();
		if (!adminOf.isEmpty()) {
			this.cards.findByProgramIdIn(adminOf).forEach((card) -> found.put(card.patientId(), card));
		}
		if (!clinicianIn.isEmpty() && caller.clinicianId().isPresent()) {
			this.cards.findByCareTeamAndProgramIdIn(caller.clinicianId().get(), clinicianIn)
				.forEach((card) -> found.putIfAbsent(card.patientId(), card));
		}
		List<CaseloadCard> visible = new ArrayList<>();
		for (CaseloadCard card : found.values()) {
			visible.addAll(this.scope.readPatient(caller, "caseload.read", card.patientId(), List.of(card),
					CaseloadCard::programId));
		}
		Map<String, List<Alert>> open = new HashMap<>();
		if (!visible.isEmpty()) {
			this.alerts.findByPatientIdInAndStatusIn(visible.stream().map(CaseloadCard::patientId).toList(), ACTIVE)
				.stream()
				.filter((alert) -> AlertScope.canSee(caller, alert))
				.forEach((alert) -> open.computeIfAbsent(alert.patientId(), (id) -> new ArrayList<>()).add(alert));
		}
		Instant now = this.clock.instant();
		return visible.stream()
			.map((card) -> row(card, open.getOrDefault(card.patientId(), List.of()), now))
			.sorted(Comparator.comparing(Row::patientId))
			.toList();
	}

	private Row row(CaseloadCard card, List<Alert> open, Instant now) {
		ZoneId zone = this.programs.zone(card.programId());
		Caseload.Share share = Caseload.attendance(card, now);
		Severity top = open.stream().map(Alert::severity).max(Comparator.naturalOrder()).orElse(null);
		return new Row(card.patientId(), card.programId(), Wording.zone(zone), card.levelOfCare(), card.weeklyHours(),
				card.riskLevel(), card.lapsePercent(), Caseload.trend(card, now, zone), card.lastCheckInAt(),
				share.attended(), share.counted(), share.percent(), open.size(), top, Caseload.phase(card, now, zone));
	}

	/**
	 * One patient on the caseload page.
	 *
	 * @param riskLevel LOW, MODERATE or HIGH; null before any progress assessment
	 * @param riskTrend up, down or steady against a week ago; null without a level that
	 * old
	 * @param attendancePercent attended of counted sessions in the last 14 days; null
	 * when none was counted
	 * @param topSeverity the most severe open alert's severity; null without open alerts
	 * @param phase after treatment, in words ("Aftercare, week 5", "Closed"); null in
	 * treatment
	 */
	record Row(String patientId, String programId, String zone, @Nullable String levelOfCare,
			@Nullable BigDecimal weeklyHours, @Nullable String riskLevel, @Nullable Integer lapsePercent,
			@Nullable String riskTrend, @Nullable Instant lastCheckInAt, int attendedSessions, int countedSessions,
			@Nullable Integer attendancePercent, int openAlerts, @Nullable Severity topSeverity,
			@Nullable String phase) {
	}

}
