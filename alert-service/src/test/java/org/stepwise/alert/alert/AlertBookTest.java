package org.stepwise.alert.alert;

import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.stepwise.alert.escalation.EscalationPolicy;
import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertChanged;
import org.stepwise.contracts.alert.AlertKind;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.platform.outbox.OutboxEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules without I/O, with a controllable clock: each step builds a book at the
 * instant the test chooses over the alerts the previous step left active.
 */
class AlertBookTest {

	static final Instant T0 = Instant.parse("2026-03-04T21:00:00Z");

	/** The default of {@code stepwise.alerts.step-down-inhibitors}. */
	static final Set<AlertKind> INHIBITORS = Set.of(AlertKind.SAFETY, AlertKind.RELAPSE_RISK, AlertKind.DISENGAGEMENT,
			AlertKind.SUBSTANCE_USE, AlertKind.DEPRESSION_WORSENING, AlertKind.ANXIETY_WORSENING);

	static final OutboxEvents EVENTS = new OutboxEvents(new EventCodec(), "alert-service");

	/** The store, as the projector would keep it. */
	final List<Alert> stored = new ArrayList<>();

	final Map<String, AlertClosure> closures = new LinkedHashMap<>();

	@Test
	void evidenceOfOneKindUpdatesTheActiveAlertAndRaisesButNeverLowersItsSeverity() {
		AlertBook first = book(T0);
		first.record(evidence("DISENGAGEMENT", Severity.MEDIUM, 1));
		first.record(evidence("DISENGAGEMENT", Severity.MEDIUM, 1));
		save(first);
		assertThat(first.changed()).hasSize(1);

		AlertBook second = book(T0.plusSeconds(60));
		second.record(evidence("DISENGAGEMENT", Severity.HIGH, 2));
		second.record(evidence("DISENGAGEMENT", Severity.MEDIUM, 3));
		// Redelivered older evidence changes nothing.
		second.record(evidence("DISENGAGEMENT", Severity.LOW, 2));
		save(second);

		assertThat(this.stored).hasSize(1);
		Alert alert = this.stored.get(0);
		assertThat(alert.severity()).isEqualTo(Severity.HIGH);
		assertThat(alert.sourceRevision()).isEqualTo(3);
		// the second update changed evidence but not the severity: one row of two
		assertThat(alert.history()).extracting((step) -> step.change() + " " + step.severity() + " x" + step.count())
			.containsExactly("RAISED MEDIUM x1", "UPDATED HIGH x2");
		assertThat(first.counts()).extracting(AlertBook.Count::name).containsExactly("stepwise.alerts.raised");
	}

	/**
	 * Two instances that both found no active alert (a rebalance, a consumer that lost
	 * its partitions while busy) raise the same alert, so the store's unique {@code _id}
	 * keeps one; each alert after a closure is a new one.
	 */
	@Test
	void twoBooksOverTheSameStateRaiseTheSameAlertAndTheOneAfterAClosureIsAnother() {
		AlertBook one = book(T0);
		AlertBook other = book(T0.plusMillis(5));
		one.record(evidence("DISENGAGEMENT", Severity.MEDIUM, 1));
		other.record(evidence("DISENGAGEMENT", Severity.MEDIUM, 1));
		assertThat(other.changed().keySet()).isEqualTo(one.changed().keySet()).hasSize(1);
		String first = one.changed().keySet().iterator().next();
		assertThat(first).doesNotContain("patient-1");
		save(one);

		progress(T0.plusSeconds(60), 2);
		assertThat(statuses("DISENGAGEMENT")).containsExactly(AlertStatus.AUTO_RESOLVED);
		AlertBook after = book(T0.plusSeconds(120));
		after.record(evidence("DISENGAGEMENT", Severity.HIGH, 3));
		AlertBook afterToo = book(T0.plusSeconds(121));
		afterToo.record(evidence("DISENGAGEMENT", Severity.HIGH, 3));
		assertThat(after.changed().keySet()).isEqualTo(afterToo.changed().keySet()).hasSize(1).doesNotContain(first);
		// another kind or another patient: another alert
		assertThat(AlertBook.successorId("patient-1", "CRAVING", null))
			.isNotEqualTo(AlertBook.successorId("patient-1", "DISENGAGEMENT", null))
			.isNotEqualTo(AlertBook.successorId("patient-2", "CRAVING", null));
	}

	@Test
	void aBurstOfIdenticalReEvaluationsIsOneHistoryRowWithACount() {
		AlertBook first = book(T0);
		first.record(evidence("DISENGAGEMENT", Severity.MEDIUM, 1));
		save(first);
		for (int revision = 2; revision <= 40; revision++) {
			AlertBook again = book(T0.plusSeconds(revision));
			again.record(evidence("DISENGAGEMENT", Severity.MEDIUM, revision));
			save(again);
		}
		Alert alert = this.stored.get(0);
		assertThat(alert.sourceRevision()).isEqualTo(40);
		assertThat(alert.history()).extracting(Alert.Transition::change).containsExactly("RAISED", "UPDATED");
		assertThat(alert.history().get(1)).satisfies((updated) -> {
			assertThat(updated.count()).isEqualTo(39);
			assertThat(updated.at()).isEqualTo(T0.plusSeconds(2));
			assertThat(updated.lastAt()).isEqualTo(T0.plusSeconds(40));
		});
		assertThat(alert.updatedAt()).isEqualTo(T0.plusSeconds(40));
	}

	@Test
	void theRelapseRiskAlertFollowsItsLevelBothWaysInPlaceAndResolvesWhenTheEarlyWarningIsLow() {
		LapseRisk.Driver craving = new LapseRisk.Driver("cravingRise", "craving up from 2 to 7 over 6 days", 15);
		progress(book(T0), 1, RiskLevel.LOW, LapseRiskLevel.ELEVATED, 24, craving);
		Alert elevated = relapseRisk();
		assertThat(elevated.severity()).isEqualTo(Severity.MEDIUM);
		assertThat(elevated.escalateAt()).isEqualTo(T0.plus(Duration.ofHours(72)));

		// HIGH an hour later: the same alert, severity HIGH, due 24 h from then.
		AlertBook high = progress(book(T0.plus(Duration.ofHours(1))), 2, RiskLevel.LOW, LapseRiskLevel.HIGH, 45,
				craving);
		assertThat(relapseRisk().id()).isEqualTo(elevated.id());
		assertThat(relapseRisk().severity()).isEqualTo(Severity.HIGH);
		assertThat(relapseRisk().escalateAt()).isEqualTo(T0.plus(Duration.ofHours(25)));
		assertThat(lastEvent(high)).satisfies((event) -> {
			assertThat(event.change()).isEqualTo("UPDATED");
			assertThat(event.severity()).isEqualTo(Severity.HIGH);
			assertThat(event.evidence()).startsWith("Early warning: lapse risk HIGH (45% in 7 days");
		});

		// Back to ELEVATED (plan-service's hysteresis has run): MEDIUM again, still the
		// same alert, and what was due stays due.
		AlertBook lower = progress(book(T0.plus(Duration.ofDays(4))), 3, RiskLevel.LOW, LapseRiskLevel.ELEVATED, 26,
				craving);
		assertThat(relapseRisk().id()).isEqualTo(elevated.id());
		assertThat(relapseRisk().severity()).isEqualTo(Severity.MEDIUM);
		assertThat(relapseRisk().escalateAt()).isEqualTo(T0.plus(Duration.ofHours(25)));
		assertThat(lastEvent(lower)).satisfies((event) -> {
			assertThat(event.change()).isEqualTo("UPDATED");
			assertThat(event.severity()).isEqualTo(Severity.MEDIUM);
		});
		assertThat(relapseRisk().history()).extracting((step) -> step.change() + " " + step.severity())
			.containsExactly("RAISED MEDIUM", "UPDATED HIGH", "UPDATED MEDIUM");

		// LOW: no relapse-risk evidence, so it resolves.
		AlertBook low = progress(book(T0.plus(Duration.ofDays(8))), 4, RiskLevel.LOW, LapseRiskLevel.LOW, 9, craving);
		assertThat(relapseRisk().status()).isEqualTo(AlertStatus.AUTO_RESOLVED);
		assertThat(low.counts()).extracting(AlertBookTest::count)
			.containsExactly("stepwise.alerts.resolved auto", "stepwise.alerts.unacknowledged.closed");
		assertThat(this.stored).hasSize(1);
	}

	@Test
	void aSignalThatNoLongerHoldsAutoResolvesButSafetyAndRecommendationsStay() {
		AlertBook first = book(T0);
		first.record(evidence("DISENGAGEMENT", Severity.MEDIUM, 1));
		first.record(evidence("CRAVING", Severity.LOW, 1));
		first.record(evidence("SAFETY", Severity.CRITICAL, T0.toEpochMilli()));
		first.record(evidence("RECOMMENDATION_STEP_UP", Severity.MEDIUM, T0.toEpochMilli()));
		save(first);

		AlertBook second = book(T0.plusSeconds(3600));
		second.autoResolve("patient-1", Set.of("CRAVING"), 2);
		save(second);

		assertThat(status("DISENGAGEMENT")).isEqualTo(AlertStatus.AUTO_RESOLVED);
		assertThat(status("CRAVING")).isEqualTo(AlertStatus.OPEN);
		assertThat(status("SAFETY")).isEqualTo(AlertStatus.OPEN);
		assertThat(status("RECOMMENDATION_STEP_UP")).isEqualTo(AlertStatus.OPEN);
		assertThat(second.counts()).extracting(AlertBookTest::count)
			.containsExactly("stepwise.alerts.resolved auto", "stepwise.alerts.unacknowledged.closed");

		// A stale assessment (older revision) resolves nothing.
		AlertBook stale = book(T0.plusSeconds(7200));
		stale.autoResolve("patient-1", Set.of(), 1);
		assertThat(stale.changed()).isEmpty();
	}

	@Test
	void stepDownReadyIsInhibitedWhileARiskOrSafetyAlertIsActive() {
		AlertBook first = book(T0);
		first.record(evidence("DISENGAGEMENT", Severity.MEDIUM, 1));
		first.record(evidence(AlertBook.STEP_DOWN_READY, Severity.LOW, 1));
		save(first);
		assertThat(this.stored).extracting(Alert::kind).containsExactly("DISENGAGEMENT");

		// A non-inhibiting alert does not hold it back.
		AlertBook second = book(T0.plusSeconds(60));
		second.autoResolve("patient-1", Set.of(), 2);
		second.record(evidence("CRAVING", Severity.LOW, 3));
		second.record(evidence(AlertBook.STEP_DOWN_READY, Severity.LOW, 3));
		save(second);
		assertThat(status(AlertBook.STEP_DOWN_READY)).isEqualTo(AlertStatus.OPEN);

		// A safety alert opening inhibits the active one.
		AlertBook third = book(T0.plusSeconds(120));
		third.record(evidence("SAFETY", Severity.HIGH, T0.toEpochMilli()));
		save(third);
		assertThat(status(AlertBook.STEP_DOWN_READY)).isEqualTo(AlertStatus.AUTO_RESOLVED);
		assertThat(third.counts()).extracting(AlertBook.Count::outcome).contains("inhibited");

		// Still inhibited while the safety alert is active.
		AlertBook fourth = book(T0.plusSeconds(180));
		fourth.record(evidence(AlertBook.STEP_DOWN_READY, Severity.LOW, 4));
		assertThat(fourth.changed()).isEmpty();
	}

	@Test
	void escalationIsDueAtTheSeverityTargetNeverLaterOnceRaisedAndOnlyWhileOpen() {
		AlertBook first = book(T0);
		first.record(evidence("DISENGAGEMENT", Severity.MEDIUM, 1));
		save(first);
		Alert medium = this.stored.get(0);
		assertThat(medium.escalateAt()).isEqualTo(T0.plus(Duration.ofHours(72)));

		// Raised to HIGH after an hour: 24 h from then.
		AlertBook second = book(T0.plus(Duration.ofHours(1)));
		second.record(evidence("DISENGAGEMENT", Severity.HIGH, 2));
		save(second);
		Alert high = this.stored.get(0);
		assertThat(high.escalateAt()).isEqualTo(T0.plus(Duration.ofHours(25)));

		assertThat(AlertBook.escalate(high, T0.plus(Duration.ofHours(24)), "oncall-1", EVENTS)).isEmpty();
		Alert escalated = AlertBook.escalate(high, T0.plus(Duration.ofHours(25)), "oncall-1", EVENTS).orElseThrow();
		assertThat(escalated.escalatedTo()).isEqualTo("oncall-1");
		assertThat(escalated.escalatedAt()).isEqualTo(T0.plus(Duration.ofHours(25)));
		assertThat(escalated.escalateAt()).isNull();
		assertThat(escalated.history()).last()
			.satisfies((step) -> assertThat(step.change() + " " + step.by()).isEqualTo("ESCALATED oncall-1"));
		assertThat(escalated.outbox()).last().satisfies((entry) -> assertThat(entry.payload()).contains("oncall-1"));
		// Exactly once: an escalated alert is not due again.
		assertThat(AlertBook.escalate(escalated, T0.plus(Duration.ofDays(9)), "oncall-1", EVENTS)).isEmpty();

		// A program's override shortens the target; the CRITICAL default is 15 min.
		AlertBook critical = new AlertBook(List.of(), List.of(), T0,
				(program) -> EscalationPolicy.DEFAULTS.withOverrides(Map.of("stepwise.escalation.critical", "5m")),
				INHIBITORS, EVENTS);
		critical.record(evidence("SAFETY", Severity.CRITICAL, 1));
		assertThat(critical.active("patient-1", "SAFETY").orElseThrow().escalateAt())
			.isEqualTo(T0.plus(Duration.ofMinutes(5)));

		// LOW never escalates; an acknowledged alert is never due.
		AlertBook low = book(T0);
		low.record(evidence("CHECKIN_SILENCE", Severity.LOW, 1));
		assertThat(low.active("patient-1", "CHECKIN_SILENCE").orElseThrow().escalateAt()).isNull();
		Alert acknowledged = new Alert(high.id(), high.programId(), high.patientId(), high.kind(), high.severity(),
				AlertStatus.ACKNOWLEDGED, high.evidence(), high.values(), high.careTeam(), high.sourceEventIds(),
				high.sourceRevision(), high.raisedAt(), high.updatedAt(), high.history(), high.escalateAt(), null, null,
				0, null, List.of());
		assertThat(AlertBook.escalate(acknowledged, T0.plus(Duration.ofDays(9)), "oncall-1", EVENTS)).isEmpty();
	}

	@Test
	void aDecidedRecommendationResolvesByTheClinicianAndTheCareTeamRoutesActiveAlerts() {
		AlertBook first = book(T0);
		first.record(new AlertEvidence("program-a", "patient-1", "RECOMMENDATION_STEP_UP", Severity.MEDIUM,
				"Recommended STEP_UP 2.1 -> 2.5", Map.of("recommendationId", "rec-1"), List.of("clinician-1"),
				List.of("event-1"), 1, T0));
		save(first);

		AlertBook second = book(T0.plusSeconds(60));
		second.route("patient-1", List.of("clinician-2", "clinician-3"));
		second.decided("patient-1", "rec-other", "clinician-2");
		save(second);
		Alert routed = this.stored.get(0);
		assertThat(routed.careTeam()).containsExactly("clinician-2", "clinician-3");
		assertThat(routed.routedTo("clinician-3")).isTrue();
		assertThat(routed.routedTo("clinician-1")).isFalse();
		assertThat(routed.status()).isEqualTo(AlertStatus.OPEN);
		assertThat(routed.history()).extracting(Alert.Transition::change).containsExactly("RAISED", "ROUTED");
		// The same team again is no change.
		AlertBook same = book(T0.plusSeconds(90));
		same.route("patient-1", List.of("clinician-2", "clinician-3"));
		assertThat(same.changed()).isEmpty();

		AlertBook third = book(T0.plusSeconds(120));
		third.decided("patient-1", "rec-1", "clinician-2");
		save(third);
		Alert resolved = this.stored.get(0);
		assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
		assertThat(resolved.history()).last().extracting(Alert.Transition::by).isEqualTo("clinician-2");

		// A repeated decision is harmless.
		AlertBook again = book(T0.plusSeconds(180));
		again.decided("patient-1", "rec-1", "clinician-2");
		assertThat(again.changed()).isEmpty();
	}

	@Test
	void everyClosedAlertCountsOnceInTimeToAcknowledgeOrAsClosedUnacknowledged() {
		AlertBook first = book(T0);
		first.record(evidence("DISENGAGEMENT", Severity.MEDIUM, 1));
		first.record(evidence("CRAVING", Severity.LOW, 1));
		first.record(new AlertEvidence("program-a", "patient-1", "RECOMMENDATION_STEP_UP", Severity.MEDIUM,
				"Recommended STEP_UP 2.1 -> 2.5", Map.of("recommendationId", "rec-1"), List.of("clinician-1"),
				List.of("event-1"), 1, T0));
		save(first);
		// a clinician acknowledged the craving alert (and the timer recorded it then)
		Alert craving = active("CRAVING");
		Instant at = T0.plusSeconds(30);
		AlertChanged event = new AlertChanged(craving.id(), craving.programId(), craving.patientId(), craving.kind(),
				"ACKNOWLEDGED", AlertStatus.ACKNOWLEDGED, craving.severity(), craving.evidence(), "clinician-1", at);
		Alert acknowledged = craving.with(
				craving.severity(), AlertStatus.ACKNOWLEDGED, craving.evidence(), craving.values(),
				craving.sourceEventIds(), craving.sourceRevision(), new Alert.Transition("ACKNOWLEDGED",
						AlertStatus.ACKNOWLEDGED, craving.severity(), "clinician-1", at, null),
				EVENTS.entry(event, at));
		this.stored.replaceAll((alert) -> alert.id().equals(craving.id()) ? acknowledged : alert);

		// both clear: the acknowledged one was counted already, the open one never will
		// be
		AlertBook second = book(T0.plusSeconds(3600));
		second.autoResolve("patient-1", Set.of(), 2);
		// the open recommendation decided: the decision is its acknowledgement
		second.decided("patient-1", "rec-1", "clinician-1");
		save(second);

		assertThat(second.counts()).extracting((count) -> count.alert().kind() + " " + count(count))
			.containsExactlyInAnyOrder("DISENGAGEMENT stepwise.alerts.resolved auto",
					"DISENGAGEMENT stepwise.alerts.unacknowledged.closed", "CRAVING stepwise.alerts.resolved auto",
					"RECOMMENDATION_STEP_UP stepwise.alerts.time.to.acknowledge",
					"RECOMMENDATION_STEP_UP stepwise.alerts.resolved decision");
		assertThat(second.counts()).filteredOn((count) -> count.name().equals("stepwise.alerts.time.to.acknowledge"))
			.singleElement()
			.satisfies((count) -> assertThat(Duration.between(count.alert().raisedAt(), count.alert().updatedAt()))
				.isEqualTo(Duration.ofHours(1)));
	}

	@Test
	void aResolvedSafetyAlertStaysResolvedOnTheSameAssessmentAndANewOneAlertsAtOnce() {
		Instant taken = T0.minus(Duration.ofHours(2));
		AlertBook first = book(T0);
		first.record(safety(taken, Severity.CRITICAL));
		save(first);
		resolveByClinician("SAFETY", T0.plusSeconds(600));

		// plan-service's S1 of the same PHQ-9 after an unrelated check-in (a progress
		// revision), and the assessment replayed after a restart (the same time, to the
		// microsecond below what was stored)
		AlertBook again = book(T0.plus(Duration.ofHours(1)));
		again.record(evidence("SAFETY", Severity.CRITICAL, 7, taken));
		again.record(safety(taken, Severity.CRITICAL));
		again.record(evidence("SAFETY", Severity.CRITICAL, taken.toEpochMilli() + 1, taken.plusNanos(300_000)));
		assertThat(again.changed()).isEmpty();

		// a new PHQ-9 a week later with item 9 = 1: a new occurrence, even at a lower
		// severity
		Instant next = taken.plus(Duration.ofDays(7));
		AlertBook newer = book(T0.plus(Duration.ofDays(7)));
		newer.record(safety(next, Severity.HIGH));
		save(newer);
		assertThat(statuses("SAFETY")).containsExactly(AlertStatus.RESOLVED, AlertStatus.OPEN);
		assertThat(active("SAFETY").values()).containsEntry(AlertBook.SINCE, next.toString());
	}

	@Test
	void aResolvedDisengagementAlertComesBackOnANewRunOnlyNotOnTheSameRunReEvaluated() {
		Instant run = T0.minus(Duration.ofDays(20));
		progress(T0, 1, evidence("DISENGAGEMENT", Severity.HIGH, 1, run));
		resolveByClinician("DISENGAGEMENT", T0.plusSeconds(60));

		// an unrelated check-in in the same second, then one more no-show of the run
		assertThat(progress(T0.plusSeconds(60), 2, evidence("DISENGAGEMENT", Severity.HIGH, 2, run)).changed())
			.isEmpty();
		assertThat(progress(T0.plus(Duration.ofDays(2)), 3, evidence("DISENGAGEMENT", Severity.HIGH, 3, run)).changed())
			.isEmpty();
		assertThat(statuses("DISENGAGEMENT")).containsExactly(AlertStatus.RESOLVED);

		// attended (the run ended), then a new run
		AlertBook attended = progress(T0.plus(Duration.ofDays(4)), 4);
		assertThat(attended.changed()).isEmpty();
		assertThat(attended.changedClosures()).hasSize(1);
		Instant newRun = T0.plus(Duration.ofDays(8));
		progress(T0.plus(Duration.ofDays(10)), 5, evidence("DISENGAGEMENT", Severity.MEDIUM, 5, newRun));
		assertThat(statuses("DISENGAGEMENT")).containsExactly(AlertStatus.RESOLVED, AlertStatus.OPEN);
	}

	@Test
	void aHigherSeverityThanAtTheResolutionOpensANewAlert() {
		Instant run = T0.minus(Duration.ofDays(3));
		progress(T0, 1, evidence("CRAVING", Severity.LOW, 1, run));
		resolveByClinician("CRAVING", T0.plusSeconds(60));
		assertThat(progress(T0.plusSeconds(120), 2, evidence("CRAVING", Severity.LOW, 2, run)).changed()).isEmpty();

		progress(T0.plusSeconds(180), 3, evidence("CRAVING", Severity.MEDIUM, 3, run));
		assertThat(statuses("CRAVING")).containsExactly(AlertStatus.RESOLVED, AlertStatus.OPEN);
		assertThat(active("CRAVING").severity()).isEqualTo(Severity.MEDIUM);
	}

	@Test
	void aSlidingWindowsSinceIsNoNewOccurrence() {
		progress(T0, 1, evidence("LOW_ATTENDANCE", Severity.MEDIUM, 1, T0.minus(Duration.ofDays(13))));
		resolveByClinician("LOW_ATTENDANCE", T0.plusSeconds(60));

		// the next day the 14-day window starts a day later; nothing new happened
		assertThat(progress(T0.plus(Duration.ofDays(1)), 2,
				evidence("LOW_ATTENDANCE", Severity.MEDIUM, 2, T0.minus(Duration.ofDays(12))))
			.changed()).isEmpty();
	}

	@Test
	void anAutoResolvedAlertIgnoresRedeliveredEvidenceAndReopensOnItsReturn() {
		progress(T0, 1, evidence("DISENGAGEMENT", Severity.MEDIUM, 1, T0));
		progress(T0.plusSeconds(60), 2);
		assertThat(statuses("DISENGAGEMENT")).containsExactly(AlertStatus.AUTO_RESOLVED);

		// a redelivery of revision 1 (replay, restart) is what was seen then
		assertThat(progress(T0.plusSeconds(120), 1, evidence("DISENGAGEMENT", Severity.MEDIUM, 1, T0)).changed())
			.isEmpty();
		progress(T0.plusSeconds(180), 3, evidence("DISENGAGEMENT", Severity.MEDIUM, 3, T0.plusSeconds(170)));
		assertThat(statuses("DISENGAGEMENT")).containsExactly(AlertStatus.AUTO_RESOLVED, AlertStatus.OPEN);
	}

	@Test
	void theRelapseRiskAlertComesBackOnANewRiseOfItsLevelNotOnTheSameLevel() {
		LapseRisk.Driver craving = new LapseRisk.Driver("cravingRise", "craving up from 2 to 7 over 6 days", 15);
		progress(book(T0), 1, RiskLevel.LOW, LapseRiskLevel.ELEVATED, 24, craving);
		resolveByClinician(RelapseRiskRule.KIND, T0.plusSeconds(60));

		// still ELEVATED: the same evidence
		assertThat(
				progress(book(T0.plusSeconds(120)), 2, RiskLevel.LOW, LapseRiskLevel.ELEVATED, 26, craving).changed())
			.isEmpty();
		// LOW, then ELEVATED again: a new rise
		assertThat(
				progress(book(T0.plus(Duration.ofDays(2))), 3, RiskLevel.LOW, LapseRiskLevel.LOW, 9, craving).changed())
			.isEmpty();
		progress(book(T0.plus(Duration.ofDays(3))), 4, RiskLevel.LOW, LapseRiskLevel.ELEVATED, 22, craving);
		assertThat(statuses(RelapseRiskRule.KIND)).containsExactly(AlertStatus.RESOLVED, AlertStatus.OPEN);
		// it follows its level in place, resolves at LOW, and a new rise opens another
		progress(book(T0.plus(Duration.ofDays(4))), 5, RiskLevel.LOW, LapseRiskLevel.HIGH, 45, craving);
		progress(book(T0.plus(Duration.ofDays(5))), 6, RiskLevel.LOW, LapseRiskLevel.LOW, 8, craving);
		progress(book(T0.plus(Duration.ofDays(6))), 7, RiskLevel.LOW, LapseRiskLevel.ELEVATED, 21, craving);
		assertThat(statuses(RelapseRiskRule.KIND)).containsExactly(AlertStatus.RESOLVED, AlertStatus.AUTO_RESOLVED,
				AlertStatus.OPEN);

		// resolved by a clinician at ELEVATED: HIGH is higher than at the resolution
		resolveByClinician(RelapseRiskRule.KIND, T0.plus(Duration.ofDays(6)));
		progress(book(T0.plus(Duration.ofDays(7))), 8, RiskLevel.LOW, LapseRiskLevel.HIGH, 41, craving);
		assertThat(statuses(RelapseRiskRule.KIND)).containsExactly(AlertStatus.RESOLVED, AlertStatus.AUTO_RESOLVED,
				AlertStatus.RESOLVED, AlertStatus.OPEN);
		assertThat(active(RelapseRiskRule.KIND).severity()).isEqualTo(Severity.HIGH);
	}

	@Test
	void worseningDepressionOrAnxietyInhibitsStepDownByDefault() {
		AlertBook first = book(T0);
		first.record(evidence("DEPRESSION_WORSENING", Severity.MEDIUM, 1));
		first.record(evidence(AlertBook.STEP_DOWN_READY, Severity.LOW, 1));
		save(first);
		assertThat(this.stored).extracting(Alert::kind).containsExactly("DEPRESSION_WORSENING");

		AlertBook second = book(T0.plusSeconds(60));
		second.autoResolve("patient-1", Set.of(), 2);
		second.record(evidence(AlertBook.STEP_DOWN_READY, Severity.LOW, 3));
		second.record(evidence("ANXIETY_WORSENING", Severity.MEDIUM, 3));
		save(second);
		assertThat(statuses(AlertBook.STEP_DOWN_READY)).containsExactly(AlertStatus.AUTO_RESOLVED);
	}

	/**
	 * What the projector does with a progress event that carries only an early warning:
	 * its relapse-risk evidence, if any, then resolves what no longer holds.
	 */
	private AlertBook progress(AlertBook book, long revision, RiskLevel risk, LapseRiskLevel level, int percent,
			LapseRisk.Driver... drivers) {
		ProgressAssessed assessed = new ProgressAssessed("program-a", "patient-1", revision, risk, false, List.of(),
				List.of("clinician-1"), List.of("event-" + revision), "test", T0,
				new LapseRisk(percent, level, "lapse-risk-0.1", List.of(drivers)));
		RelapseRiskRule.evaluate(assessed, List.of("clinician-1")).ifPresentOrElse((e) -> {
			book.record(e);
			book.autoResolve("patient-1", Set.of(e.kind()), revision);
		}, () -> book.autoResolve("patient-1", Set.of(), revision));
		save(book);
		return book;
	}

	private Alert relapseRisk() {
		return this.stored.stream()
			.filter((alert) -> alert.kind().equals(RelapseRiskRule.KIND))
			.reduce((a, b) -> b)
			.orElseThrow();
	}

	private static AlertChanged lastEvent(AlertBook book) {
		Alert alert = book.changed().values().iterator().next();
		return (AlertChanged) new EventCodec()
			.decode(alert.outbox().getLast().payload().getBytes(StandardCharsets.UTF_8))
			.data();
	}

	/** A count as its name and, when it has one, its outcome. */
	private static String count(AlertBook.Count count) {
		return count.name() + ((count.outcome() != null) ? " " + count.outcome() : "");
	}

	private AlertBook book(Instant now) {
		return new AlertBook(List.copyOf(this.stored), List.copyOf(this.closures.values()), now,
				(program) -> EscalationPolicy.DEFAULTS, INHIBITORS, EVENTS);
	}

	private void save(AlertBook book) {
		Collection<Alert> changed = book.changed().values();
		this.stored.removeIf((alert) -> book.changed().containsKey(alert.id()));
		this.stored.addAll(changed);
		this.closures.putAll(book.changedClosures());
	}

	/** What AlertLifecycle does when a clinician resolves the patient's active alert. */
	private void resolveByClinician(String kind, Instant at) {
		Alert alert = active(kind);
		AlertChanged event = new AlertChanged(alert.id(), alert.programId(), alert.patientId(), alert.kind(),
				"RESOLVED", AlertStatus.RESOLVED, alert.severity(), alert.evidence(), "clinician-1", at);
		Alert resolved = alert.with(alert.severity(), AlertStatus.RESOLVED, alert.evidence(), alert.values(),
				alert.sourceEventIds(), alert.sourceRevision(),
				new Alert.Transition("RESOLVED", AlertStatus.RESOLVED, alert.severity(), "clinician-1", at, "called"),
				EVENTS.entry(event, at));
		this.stored.replaceAll((a) -> a.id().equals(resolved.id()) ? resolved : a);
		AlertClosure closure = AlertClosure.of(resolved);
		this.closures.put(closure.id(), closure);
	}

	private Alert active(String kind) {
		return this.stored.stream()
			.filter((alert) -> alert.kind().equals(kind) && alert.active())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no active " + kind + " alert"));
	}

	private List<AlertStatus> statuses(String kind) {
		return this.stored.stream().filter((alert) -> alert.kind().equals(kind)).map(Alert::status).toList();
	}

	/**
	 * What the projector does with one progress picture: its evidence, then what cleared.
	 */
	private AlertBook progress(Instant now, long revision, AlertEvidence... evidence) {
		AlertBook book = book(now);
		for (AlertEvidence e : evidence) {
			book.record(e);
		}
		book.autoResolve("patient-1",
				java.util.Arrays.stream(evidence).map(AlertEvidence::kind).collect(java.util.stream.Collectors.toSet()),
				revision);
		save(book);
		return book;
	}

	private AlertStatus status(String kind) {
		return this.stored.stream().filter((alert) -> alert.kind().equals(kind)).findFirst().orElseThrow().status();
	}

	private static AlertEvidence evidence(String kind, Severity severity, long revision) {
		return evidence(kind, severity, revision, null);
	}

	private static AlertEvidence evidence(String kind, Severity severity, long revision, Instant since) {
		return new AlertEvidence("program-a", "patient-1", kind, severity, kind + " evidence", Map.of(),
				List.of("clinician-1"), List.of("event-" + revision), revision, since);
	}

	/** The fast path's evidence of a PHQ-9 taken at {@code taken}. */
	private static AlertEvidence safety(Instant taken, Severity severity) {
		return evidence("SAFETY", severity, taken.toEpochMilli(), taken);
	}

}
