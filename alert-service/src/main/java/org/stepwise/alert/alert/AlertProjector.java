package org.stepwise.alert.alert;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import org.stepwise.alert.careteam.CareTeam;
import org.stepwise.alert.careteam.CareTeamRepository;
import org.stepwise.alert.program.Programs;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanEvent;
import org.stepwise.contracts.plan.RecommendationDecided;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.platform.inbox.ReceivedEvent;
import org.stepwise.platform.outbox.OnConflict;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;

/**
 * Turns evidence into alerts through the {@link AlertBook} rules: progress signals and
 * step-down readiness, safety-flagged assessments (the fast path, without waiting for
 * plan-service), and plan recommendations awaiting a decision. Routes alerts to the
 * patient's care team as the newest plan names it. One write per changed alert per batch
 * (see {@link #handle}).
 */
@Component
public class AlertProjector {

	/** Value of a progress alert: when plan-service first assessed its condition. */
	static final String FIRST_ASSESSED_AT = "firstAssessedAt";

	private static final EnumSet<AlertStatus> ACTIVE = EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED);

	private final AlertRepository alerts;

	private final AlertClosureRepository closures;

	private final CareTeamRepository careTeams;

	private final Programs programs;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final AlertMeters meters;

	private final Clock clock;

	private final AlertProperties properties;

	AlertProjector(AlertRepository alerts, AlertClosureRepository closures, CareTeamRepository careTeams,
			Programs programs, OutboxEvents events, OutboxRelay relay, AlertMeters meters, Clock clock,
			AlertProperties properties) {
		this.alerts = alerts;
		this.closures = closures;
		this.careTeams = careTeams;
		this.programs = programs;
		this.events = events;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * One batch of the alert inputs, in one {@link AlertBook} over the batch's patients
	 * and one write per changed alert (and closure, and care team): plans first (care
	 * teams, so this batch's alerts are routed to them; recommendations), then
	 * safety-flagged assessments, then progress. Handled by parts, each with its own load
	 * and save, a patient's alert was written twice in one batch (the fast path's SAFETY,
	 * then plan-service's S1 of the same assessment), and the outbox relay's publishing
	 * between the two writes made the second fail its optimistic lock. A conflict that
	 * still happens (the relay publishing this batch's previous write) re-runs the batch
	 * here: the rules ignore evidence already applied.
	 */
	public void handle(List<ReceivedEvent> events) {
		Set<String> patients = new HashSet<>();
		for (ReceivedEvent event : events) {
			switch (event.data()) {
				case PlanEvent plan -> patients.add(plan.patientId());
				case AssessmentScored scored when scored.safety().flagged() -> patients.add(scored.patientId());
				case ProgressAssessed assessed -> patients.add(assessed.patientId());
				default -> {
				}
			}
		}
		if (patients.isEmpty()) {
			return;
		}
		OnConflict.retry(() -> {
			AlertBook book = load(patients);
			Map<String, CareTeam> teams = teams(patients);
			Map<String, CareTeam> learned = new LinkedHashMap<>();
			plans(events, book, teams, learned);
			assessments(events, book, teams);
			progress(events, book, teams, learned);
			if (!learned.isEmpty()) {
				this.careTeams.saveAll(learned.values());
			}
			save(book);
			return null;
		});
	}

	/**
	 * Plan events: the newest plan's care team routes the patient's alerts; a
	 * recommendation awaiting approval is an alert until a clinician decides it.
	 */
	private static void plans(List<ReceivedEvent> events, AlertBook book, Map<String, CareTeam> teams,
			Map<String, CareTeam> learned) {
		for (ReceivedEvent received : events) {
			if (!(received.data() instanceof PlanEvent event)) {
				continue;
			}
			switch (event) {
				case PlanChanged plan -> {
					CareTeam current = teams.get(plan.patientId());
					if (current == null || current.planVersion() < plan.version()) {
						CareTeam team = new CareTeam(plan.patientId(), plan.programId(), plan.careTeam(),
								plan.version());
						teams.put(plan.patientId(), team);
						learned.put(plan.patientId(), team);
						book.route(plan.patientId(), team.members());
					}
				}
				case RecommendationMade made -> book.record(RecommendationRule.evidence(made, received.id(),
						team(teams, made.patientId(), made.careTeam())));
				case RecommendationDecided decided ->
					book.decided(decided.patientId(), decided.recommendationId(), decided.decidedBy());
			}
		}
	}

	/**
	 * The safety fast path: safety-flagged assessments, without waiting for plan-service.
	 */
	private void assessments(List<ReceivedEvent> events, AlertBook book, Map<String, CareTeam> teams) {
		payloads(events, AssessmentScored.class).stream()
			.flatMap((assessment) -> SafetyRule.evaluate(assessment, this.programs.zone(assessment.programId()))
				.stream())
			.forEach((e) -> book.record(e.withCareTeam(team(teams, e.patientId(), e.careTeam()))));
	}

	/**
	 * Progress assessments: every signal that holds is evidence, relapse risk (the rules'
	 * HIGH or the early warning's ELEVATED/HIGH) an alert of its own, step-down readiness
	 * a positive alert; a progress alert whose signal (or risk) cleared resolves.
	 */
	private static void progress(List<ReceivedEvent> events, AlertBook book, Map<String, CareTeam> teams,
			Map<String, CareTeam> learned) {
		for (ProgressAssessed assessment : payloads(events, ProgressAssessed.class)) {
			if (!teams.containsKey(assessment.patientId()) && !assessment.careTeam().isEmpty()) {
				// No plan seen yet: the progress event's care team routes until one is
				// (plan version 0, so any plan replaces it).
				CareTeam carried = new CareTeam(assessment.patientId(), assessment.programId(), assessment.careTeam(),
						0);
				teams.put(assessment.patientId(), carried);
				learned.put(assessment.patientId(), carried);
				book.route(assessment.patientId(), carried.members());
			}
			List<String> team = team(teams, assessment.patientId(), assessment.careTeam());
			Set<String> holding = new HashSet<>();
			List<AlertEvidence> evidence = new ArrayList<>();
			for (SignalFired signal : assessment.signals()) {
				if (RecommendationRule.awaitsDecision(signal.kind())) {
					// the re-entry signal's alert comes with its recommendation (plans)
					continue;
				}
				evidence.add(new AlertEvidence(assessment.programId(), assessment.patientId(), signal.kind(),
						signal.severity(), signal.evidence(), signal.values(), team, assessment.sourceEventIds(),
						assessment.revision(), signal.since()));
			}
			RelapseRiskRule.evaluate(assessment, team).ifPresent(evidence::add);
			if (assessment.stepDownReady()) {
				evidence.add(new AlertEvidence(assessment.programId(), assessment.patientId(),
						AlertBook.STEP_DOWN_READY, Severity.LOW,
						"Step-down ready: criteria of docs/clinical-rules.md section 4 hold (rules "
								+ assessment.ruleSetVersion() + ")",
						Map.of("riskLevel", assessment.riskLevel().name()), team, assessment.sourceEventIds(),
						assessment.revision(), null));
			}
			for (AlertEvidence e : evidence) {
				book.record(firstAssessed(e, book, assessment));
				holding.add(e.kind());
			}
			book.autoResolve(assessment.patientId(), holding, assessment.revision());
		}
	}

	/**
	 * Progress evidence with {@value #FIRST_ASSESSED_AT}: plan-service's clinical time
	 * when it first assessed the condition, kept from the active alert of the kind while
	 * it holds (the alert's own times are the wall clock's; on event time, a replay or
	 * the simulator, the two differ by weeks).
	 */
	private static AlertEvidence firstAssessed(AlertEvidence e, AlertBook book, ProgressAssessed assessment) {
		String first = book.active(e.patientId(), e.kind())
			.map((alert) -> alert.values().get(FIRST_ASSESSED_AT))
			.orElse(assessment.assessedAt().toString());
		Map<String, String> values = new LinkedHashMap<>(e.values());
		values.put(FIRST_ASSESSED_AT, first);
		return e.withValues(values);
	}

	private AlertBook load(Set<String> patientIds) {
		return new AlertBook(this.alerts.findByPatientIdInAndStatusIn(patientIds, ACTIVE),
				this.closures.findByPatientIdIn(patientIds), this.clock.instant(), this.programs::escalation,
				this.properties.stepDownInhibitors(), this.events);
	}

	private Map<String, CareTeam> teams(Set<String> patientIds) {
		Map<String, CareTeam> teams = new java.util.HashMap<>();
		this.careTeams.findAllById(patientIds).forEach((team) -> teams.put(team.patientId(), team));
		return teams;
	}

	/** The plan's care team when known, else what the evidence carries. */
	private static List<String> team(Map<String, CareTeam> teams, String patientId, List<String> carried) {
		return Optional.ofNullable(teams.get(patientId))
			.map(CareTeam::members)
			.filter((members) -> !members.isEmpty())
			.orElse(carried);
	}

	private void save(AlertBook book) {
		// closures first: if the alerts' write fails, the batch runs again over alerts
		// still active, which write the same closures again
		if (!book.changedClosures().isEmpty()) {
			this.closures.saveAll(book.changedClosures().values());
		}
		if (book.changed().isEmpty()) {
			return;
		}
		this.alerts.saveAll(book.changed().values());
		book.changed().keySet().forEach((id) -> this.relay.nudge(Alert.class, id));
		book.counts().forEach(this.meters::count);
	}

	private static <T extends StepwiseEvent> List<T> payloads(List<ReceivedEvent> events, Class<T> type) {
		return events.stream().map(ReceivedEvent::data).filter(type::isInstance).map(type::cast).toList();
	}

}
