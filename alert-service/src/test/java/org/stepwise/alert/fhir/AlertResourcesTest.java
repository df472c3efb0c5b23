package org.stepwise.alert.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.alert.Alert.Transition;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertKind;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.R4Validation;
import org.stepwise.fhir.SecurityLabels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Alerts as Tasks and Flags: statuses, priorities, owner and recipients, the Part 2
 * labels, and every resource valid R4.
 */
class AlertResourcesTest {

	static final Instant RAISED = Instant.parse("2026-03-02T09:00:00Z");

	static final Instant ACKNOWLEDGED = Instant.parse("2026-03-02T09:10:00Z");

	static final Instant CLOSED = Instant.parse("2026-03-03T15:00:00Z");

	@Test
	void anOpenSafetyAlertIsARequestedStatTaskAndAnActiveHighPriorityFlagWithoutPart2Labels() {
		Alert alert = alert("SAFETY", Severity.CRITICAL, AlertStatus.OPEN, "S1 PHQ-9 item 9 = 2 on 2026-03-02");

		Task task = valid(AlertResources.task(alert));
		Flag flag = valid(AlertResources.flag(alert));

		assertThat(task.getIdPart()).isEqualTo("alert-1");
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
		assertThat(task.getIntent()).isEqualTo(Task.TaskIntent.ORDER);
		assertThat(task.getPriority()).isEqualTo(Task.TaskPriority.STAT);
		assertThat(task.getCode().getCodingFirstRep().getSystem()).isEqualTo(AlertResources.ALERT_KINDS);
		assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo("SAFETY");
		assertThat(task.getCode().getText()).isEqualTo("Safety concern");
		assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("OPEN");
		assertThat(task.getDescription()).contains("Thoughts of death or self-harm");
		assertThat(task.getFor().getReference()).isEqualTo("Patient/patient-1");
		assertThat(task.getAuthoredOn()).isEqualTo(Date.from(RAISED));
		assertThat(task.getLastModified()).isEqualTo(Date.from(RAISED));
		assertThat(task.getMeta().getLastUpdated()).isEqualTo(Date.from(RAISED));
		assertThat(task.hasOwner()).isFalse();
		assertThat(task.getRestriction().getRecipient()).extracting((r) -> r.getReference())
			.containsExactly("Practitioner/clinician-a1");
		assertThat(task.getMeta().getSecurity()).isEmpty();

		assertThat(flag.getIdPart()).isEqualTo("alert-1");
		assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
		assertThat(flag.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("clinical");
		assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("SAFETY");
		assertThat(flag.getSubject().getReference()).isEqualTo("Patient/patient-1");
		assertThat(flag.getPeriod().getStart()).isEqualTo(Date.from(RAISED));
		assertThat(flag.getPeriod().hasEnd()).isFalse();
		assertThat(
				((CodeableConcept) flag.getExtensionByUrl(AlertResources.FLAG_PRIORITY).getValue()).getCodingFirstRep()
					.getCode())
			.isEqualTo("PH");
		assertThat(flag.getMeta().getSecurity()).isEmpty();
	}

	@Test
	void anAcknowledgedRelapseRiskAlertIsAcceptedOwnedByWhoAcknowledgedItAndLabelledPart2() {
		Alert alert = acknowledged(alert("RELAPSE_RISK", Severity.HIGH, AlertStatus.OPEN, "Relapse risk HIGH: S6"),
				"clinician-a1");

		Task task = valid(AlertResources.task(alert));
		Flag flag = valid(AlertResources.flag(alert));

		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
		assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("ACKNOWLEDGED");
		assertThat(task.getPriority()).isEqualTo(Task.TaskPriority.ASAP);
		assertThat(task.getOwner().getReference()).isEqualTo("Practitioner/clinician-a1");
		assertThat(task.getLastModified()).isEqualTo(Date.from(ACKNOWLEDGED));
		assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
		for (Resource resource : List.of(task, flag)) {
			assertThat(SecurityLabels.isPart2(resource.getMeta())).isTrue();
			assertThat(resource.getMeta().getSecurity()).extracting(Coding::getCode)
				.containsExactlyInAnyOrder("42CFRPart2", "R");
			assertThat(resource.getMeta().getLastUpdated()).isEqualTo(Date.from(ACKNOWLEDGED));
		}
	}

	@Test
	void resolvedAlertsAreCompletedTasksAutoResolvedOnesCancelledAndTheirFlagsInactiveFromTheClose() {
		Alert resolved = closed(
				acknowledged(alert("DISENGAGEMENT", Severity.MEDIUM, AlertStatus.OPEN, "2 no-shows"), "clinician-a1"),
				AlertStatus.RESOLVED, "clinician-a2");
		Alert cleared = closed(alert("LOW_ATTENDANCE", Severity.MEDIUM, AlertStatus.OPEN, "attended 3 of 6"),
				AlertStatus.AUTO_RESOLVED, "system");

		Task completed = valid(AlertResources.task(resolved));
		Task cancelled = valid(AlertResources.task(cleared));
		Flag inactive = valid(AlertResources.flag(resolved));

		assertThat(completed.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
		assertThat(completed.getPriority()).isEqualTo(Task.TaskPriority.URGENT);
		assertThat(completed.getOwner().getReference()).isEqualTo("Practitioner/clinician-a1");
		assertThat(completed.getLastModified()).isEqualTo(Date.from(CLOSED));
		assertThat(cancelled.getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
		assertThat(cancelled.getStatusReason().getText()).isEqualTo("The condition cleared");
		assertThat(cancelled.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("AUTO_RESOLVED");
		assertThat(cancelled.hasOwner()).isFalse();
		assertThat(inactive.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
		assertThat(inactive.getPeriod().getEnd()).isEqualTo(Date.from(CLOSED));
		assertThat(valid(AlertResources.flag(cleared)).getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
	}

	@Test
	void anEscalatedAlertWasLastUpdatedWhenItEscalatedAndNamesTheOnCallClinicianAmongItsRecipients() {
		Instant escalated = RAISED.plusSeconds(900);
		Alert alert = alert("SAFETY", Severity.CRITICAL, AlertStatus.OPEN, "C-SSRS emergent").withEscalation(null,
				escalated, "on-call-1");

		Task task = valid(AlertResources.task(alert));

		assertThat(task.getMeta().getLastUpdated()).isEqualTo(Date.from(escalated));
		assertThat(task.getRestriction().getRecipient()).extracting((r) -> r.getReference())
			.containsExactly("Practitioner/clinician-a1", "Practitioner/on-call-1");
	}

	@Test
	void aStaffIdThatCannotBeAFhirIdIsAPractitionerByIdentifier() {
		Alert alert = acknowledged(alert("SAFETY", Severity.HIGH, AlertStatus.OPEN, "item 9 = 1"), "admin@program a");

		Task task = valid(AlertResources.task(alert));

		assertThat(task.getOwner().hasReference()).isFalse();
		assertThat(task.getOwner().getType()).isEqualTo("Practitioner");
		assertThat(task.getOwner().getIdentifier().getSystem()).isEqualTo(AlertResources.STAFF_IDS);
		assertThat(task.getOwner().getIdentifier().getValue()).isEqualTo("admin@program a");
	}

	@Test
	void prioritiesFollowTheSeverities() {
		assertThat(List.of(Severity.values()).stream().map(AlertResources::priority)).containsExactly(
				Task.TaskPriority.ROUTINE, Task.TaskPriority.URGENT, Task.TaskPriority.ASAP, Task.TaskPriority.STAT);
		assertThat(List.of(Severity.values()).stream().map((s) -> AlertResources.flagPriority(s).getCode()))
			.containsExactly("PL", "PM", "PH", "PH");
	}

	/**
	 * Every kind is a valid Task; the risk states are valid Flags, the others are not
	 * Flags; the Part 2 kinds are labelled, the others not; an unknown kind is withheld
	 * as Part 2.
	 */
	@Test
	void everyKindIsAValidTaskRiskStatesAreValidFlagsAndPart2KindsAreLabelled() {
		AlertStatus[] statuses = AlertStatus.values();
		Severity[] severities = Severity.values();
		AlertKind[] kinds = AlertKind.values();
		for (int i = 0; i < kinds.length; i++) {
			String kind = kinds[i].name();
			Alert alert = alert(kind, severities[i % severities.length], AlertStatus.OPEN, "evidence of " + kind);
			AlertStatus status = statuses[i % statuses.length];
			if (status != AlertStatus.OPEN) {
				alert = closed(alert, status, "clinician-a1");
			}
			Task task = valid(AlertResources.task(alert));
			assertThat(task.getCode().getText()).as(kind).isNotBlank().isNotEqualTo(kind);
			assertThat(SecurityLabels.isPart2(task.getMeta())).as(kind)
				.isEqualTo(AlertResources.PART2_KINDS.contains(kind));
			if (AlertResources.RISK_STATES.contains(kind)) {
				Flag flag = valid(AlertResources.flag(alert));
				assertThat(SecurityLabels.isPart2(flag.getMeta())).as(kind)
					.isEqualTo(AlertResources.PART2_KINDS.contains(kind));
			}
			else {
				Alert notAFlag = alert;
				assertThatIllegalArgumentException().isThrownBy(() -> AlertResources.flag(notAFlag));
			}
		}
		assertThat(AlertResources.PART2_KINDS).containsExactlyInAnyOrder("SUBSTANCE_USE", "CRAVING", "BAM_CONCERN",
				"RELAPSE_RISK", "RE_ENTRY", "STEP_DOWN_READY", "RECOMMENDATION_STEP_DOWN", "RECOMMENDATION_STEP_UP");
		assertThat(AlertResources.RISK_STATES).doesNotContain("STEP_DOWN_READY", "UNDER_DOSED_WEEK", "CHECK_IN_SILENCE",
				"RE_ENTRY", "RECOMMENDATION_STEP_UP");
		assertThat(AlertResources.isPart2(alert("SOMETHING_NEW", Severity.LOW, AlertStatus.OPEN, "x"))).isTrue();
	}

	@Test
	void theResourcesCarryNeitherNotesNorValuesBeyondTheEvidence() {
		Alert alert = closed(
				acknowledged(alert("SAFETY", Severity.HIGH, AlertStatus.OPEN, "item 9 = 1"), "clinician-a1"),
				AlertStatus.RESOLVED, "clinician-a1");

		String json = FhirJson.encode(AlertResources.task(alert)) + FhirJson.encode(AlertResources.flag(alert));

		assertThat(json).doesNotContain("a private note", "secret-value", "program-a", "event-1");
	}

	@Test
	void aNewAlertIsAValidCommunicationAboutItsTaskLabelledAsTheTaskIs() {
		AlertRaised safety = new AlertRaised("alert-1", "program-a", "patient-1", "SAFETY", Severity.CRITICAL,
				"S1 PHQ-9 item 9 = 2 on 2026-03-02", Map.of("value", "secret-value"), List.of("clinician-a1"),
				List.of("event-1"), RAISED);
		AlertRaised craving = new AlertRaised("alert-2", "program-a", "patient-1", "CRAVING", Severity.LOW,
				"craving 8/10 twice", Map.of(), List.of(), List.of(), RAISED);

		Communication communication = valid(AlertResources.communication(safety));
		Communication part2 = valid(AlertResources.communication(craving));

		assertThat(communication.getIdPart()).isEqualTo("alert-1");
		assertThat(communication.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
		assertThat(communication.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("alert");
		assertThat(communication.getPriority()).isEqualTo(Communication.CommunicationPriority.STAT);
		assertThat(communication.getSubject().getReference()).isEqualTo("Patient/patient-1");
		assertThat(communication.getAboutFirstRep().getReference()).isEqualTo("Task/alert-1");
		assertThat(communication.getTopic().getCodingFirstRep().getCode()).isEqualTo("SAFETY");
		assertThat(communication.getSent()).isEqualTo(Date.from(RAISED));
		assertThat(communication.getRecipientFirstRep().getReference()).isEqualTo("Practitioner/clinician-a1");
		assertThat(communication.getPayloadFirstRep().getContentStringType().getValue()).startsWith("Safety concern: ")
			.contains("Thoughts of death or self-harm");
		assertThat(communication.getMeta().getSecurity()).isEmpty();
		assertThat(FhirJson.encode(communication)).doesNotContain("secret-value", "event-1", "program-a");
		assertThat(SecurityLabels.isPart2(part2.getMeta())).isTrue();
		assertThat(part2.hasRecipient()).isFalse();
	}

	static Alert alert(String kind, Severity severity, AlertStatus status, String evidence) {
		return new Alert("alert-1", "program-a", "patient-1", kind, severity, status, evidence,
				Map.of("value", "secret-value"), List.of("clinician-a1"), List.of("event-1"), 1L, RAISED, RAISED,
				List.of(new Transition("RAISED", status, severity, "system", RAISED, null)), null, null, null, 0, null,
				List.of());
	}

	static Alert acknowledged(Alert alert, String by) {
		return step(alert, "ACKNOWLEDGED", AlertStatus.ACKNOWLEDGED, by, ACKNOWLEDGED, "a private note");
	}

	static Alert closed(Alert alert, AlertStatus status, String by) {
		return step(alert, status.name(), status, by, CLOSED, "a private note");
	}

	private static Alert step(Alert alert, String change, AlertStatus status, String by, Instant at,
			@Nullable String note) {
		List<Transition> history = new ArrayList<>(alert.history());
		history.add(new Transition(change, status, alert.severity(), by, at, note));
		return new Alert(alert.id(), alert.programId(), alert.patientId(), alert.kind(), alert.severity(), status,
				alert.evidence(), alert.values(), alert.careTeam(), alert.sourceEventIds(), alert.sourceRevision(),
				alert.raisedAt(), at, history, alert.escalateAt(), alert.escalatedAt(), alert.escalatedTo(), 0, null,
				List.of());
	}

	static <R extends Resource> R valid(R resource) {
		assertThat(R4Validation.errors(resource)).as(FhirJson.encode(resource)).isEmpty();
		return resource;
	}

}
