package org.stepwise.alert.fhir;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.console.Wording;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertKind;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.fhir.SecurityLabels;

/**
 * Alerts as FHIR R4 resources (docs/api-and-events.md, "alert-service"): every alert is a
 * {@link Task} for the care team, and an alert of a risk state ({@link #RISK_STATES}) is
 * also a {@link Flag} on the patient, active while the alert is open or acknowledged; a
 * new alert is a {@link Communication} to subscribers. Both carry no more than the JSON
 * API gives the same caller (never the clinicians' notes), and alerts of kinds derived
 * from substance-use records ({@link #PART2_KINDS}) carry the 42 CFR Part 2 labels. Pure:
 * no Spring, no I/O.
 */
public final class AlertResources {

	/** Where Stepwise's own code systems live (as assessment-service's). */
	public static final String BASE = "https://stepwise.example/fhir";

	/** The alert kinds ({@code AlertKind}), with the console's words. */
	public static final String ALERT_KINDS = BASE + "/CodeSystem/alert-kind";

	/** The alert statuses ({@code AlertStatus}), as the Task's businessStatus. */
	public static final String ALERT_STATUSES = BASE + "/CodeSystem/alert-status";

	/** Staff ids that cannot be a FHIR id: a Practitioner reference by identifier. */
	public static final String STAFF_IDS = BASE + "/NamingSystem/staff-id";

	static final String COMMUNICATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/communication-category";

	static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";

	static final String FLAG_PRIORITY = "http://hl7.org/fhir/StructureDefinition/flag-priority";

	static final String FLAG_PRIORITY_CODES = "http://terminology.hl7.org/CodeSystem/flag-priority-code";

	/**
	 * Kinds whose evidence is derived from substance-use treatment records (the sources
	 * labelled {@code PART2}: UDS, BAM, AUDIT-C, DAST-10, PACS, check-ins reporting use):
	 * use (S6), craving (S7: craving ratings and the PACS), BAM concern (S8), relapse
	 * risk (combined from S6-S10 and the early warning, whose drivers are use and
	 * craving), re-entry (use, a UDS or the early warning after discharge), and step-down
	 * readiness and the level recommendations, whose criteria and reasons include
	 * abstinence, repeated use and relapse risk. Decided per kind, erring toward
	 * withholding: a step-down readiness in a program without substance-use treatment is
	 * labelled too.
	 */
	public static final Set<String> PART2_KINDS = names(AlertKind.SUBSTANCE_USE, AlertKind.CRAVING,
			AlertKind.BAM_CONCERN, AlertKind.RELAPSE_RISK, AlertKind.RE_ENTRY, AlertKind.STEP_DOWN_READY,
			AlertKind.RECOMMENDATION_STEP_DOWN, AlertKind.RECOMMENDATION_STEP_UP);

	/**
	 * Kinds that are a risk state of the patient, hence a Flag: the clinical signals
	 * (S1-S10, S13-S16) and relapse risk. Not: an under-dosed week (S11, the program's
	 * delivery), check-in silence (S12, informational), step-down readiness (a positive
	 * state), and recommendations awaiting a decision, re-entry included (work for the
	 * care team: Tasks only).
	 */
	public static final Set<String> RISK_STATES = names(AlertKind.SAFETY, AlertKind.DEPRESSION_WORSENING,
			AlertKind.ANXIETY_WORSENING, AlertKind.NOT_ON_TRACK, AlertKind.SUBSTANCE_USE, AlertKind.CRAVING,
			AlertKind.BAM_CONCERN, AlertKind.DISENGAGEMENT, AlertKind.LOW_ATTENDANCE, AlertKind.FAMILY_SESSIONS_MISSED,
			AlertKind.RELAPSE_RISK, AlertKind.MEDICAL_INSTABILITY, AlertKind.RAPID_WEIGHT_LOSS,
			AlertKind.EATING_DISORDER_WORSENING);

	/** What a FHIR resource id may be. */
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private AlertResources() {
	}

	/**
	 * Whether the alert is 42 CFR Part 2 data: its kind is in {@link #PART2_KINDS}, or is
	 * not a known kind at all (withheld rather than guessed).
	 */
	public static boolean isPart2(Alert alert) {
		return isPart2(alert.kind());
	}

	/**
	 * Whether alerts of this kind are 42 CFR Part 2 data (see {@link #isPart2(Alert)}).
	 */
	public static boolean isPart2(String kind) {
		return PART2_KINDS.contains(kind) || Stream.of(AlertKind.values()).map(AlertKind::name).noneMatch(kind::equals);
	}

	/** Whether the alert is also a Flag. */
	public static boolean isRiskState(Alert alert) {
		return RISK_STATES.contains(alert.kind());
	}

	/**
	 * When the alert last changed as the resources show it: its last transition, or its
	 * escalation if later.
	 */
	public static Instant lastUpdated(Alert alert) {
		Instant updated = (alert.updatedAt() != null) ? alert.updatedAt() : alert.raisedAt();
		return (alert.escalatedAt() != null && alert.escalatedAt().isAfter(updated)) ? alert.escalatedAt() : updated;
	}

	/**
	 * The alert as a Task for the care team: OPEN is {@code requested}, ACKNOWLEDGED
	 * {@code accepted} (its owner the clinician who acknowledged it), RESOLVED
	 * {@code completed}, AUTO_RESOLVED {@code cancelled} (the condition cleared, nobody
	 * needed to act); intent {@code order}; the priority from the severity (LOW routine,
	 * MEDIUM urgent, HIGH asap, CRITICAL stat, as its acknowledgement target); the kind
	 * as its code, the evidence in words as its description; the care team and whoever it
	 * escalated to as the recipients.
	 */
	public static Task task(Alert alert) {
		Task task = new Task();
		task.setId(alert.id());
		meta(task.getMeta(), alert);
		task.setStatus(taskStatus(alert.status()));
		if (alert.status() == AlertStatus.AUTO_RESOLVED) {
			task.setStatusReason(new CodeableConcept().setText("The condition cleared"));
		}
		task.setBusinessStatus(
				new CodeableConcept(new Coding(ALERT_STATUSES, alert.status().name(), statusWords(alert.status()))));
		task.setIntent(Task.TaskIntent.ORDER);
		task.setPriority(priority(alert.severity()));
		task.setCode(kind(alert));
		String words = Wording.evidence(alert.evidence());
		if (!words.isBlank()) {
			task.setDescription(words);
		}
		task.setFor(patient(alert));
		task.setAuthoredOn(Date.from(alert.raisedAt()));
		task.setLastModified(Date.from(lastUpdated(alert)));
		acknowledgedBy(alert).ifPresent((clinician) -> task.setOwner(practitioner(clinician)));
		Set<String> recipients = new LinkedHashSet<>(alert.careTeam());
		if (alert.escalatedTo() != null) {
			recipients.add(alert.escalatedTo());
		}
		recipients.forEach((clinician) -> task.getRestriction().addRecipient(practitioner(clinician)));
		return task;
	}

	/**
	 * The alert of a risk state as a Flag: {@code active} while the alert is open or
	 * acknowledged, {@code inactive} once closed (its period ends then); category
	 * {@code clinical}; the kind as its code; the severity as the {@code flag-priority}
	 * extension (LOW PL, MEDIUM PM, HIGH and CRITICAL PH).
	 * @throws IllegalArgumentException for an alert that is not a risk state
	 */
	public static Flag flag(Alert alert) {
		if (!isRiskState(alert)) {
			throw new IllegalArgumentException("Not a risk state: " + alert.kind());
		}
		Flag flag = new Flag();
		flag.setId(alert.id());
		meta(flag.getMeta(), alert);
		flag.setStatus(alert.active() ? Flag.FlagStatus.ACTIVE : Flag.FlagStatus.INACTIVE);
		flag.addCategory(new CodeableConcept(new Coding(FLAG_CATEGORY, "clinical", "Clinical")));
		flag.setCode(kind(alert));
		flag.setSubject(patient(alert));
		Period period = new Period().setStart(Date.from(alert.raisedAt()));
		if (!alert.active()) {
			period.setEnd(Date.from(closedAt(alert)));
		}
		flag.setPeriod(period);
		flag.addExtension(FLAG_PRIORITY, new CodeableConcept(flagPriority(alert.severity())));
		return flag;
	}

	/**
	 * A new alert as the Communication a subscription delivers: category {@code alert},
	 * the priority as the Task's, {@code about} the alert's Task, {@code topic} the kind,
	 * sent when raised, the care team as recipients, and the kind and evidence in words
	 * as the payload (what the Task's code and description say); Part 2 labels as the
	 * Task's.
	 */
	public static Communication communication(AlertRaised raised) {
		Communication communication = new Communication();
		communication.setId(raised.alertId());
		communication.getMeta().setLastUpdated(Date.from(raised.occurredAt()));
		if (isPart2(raised.kind())) {
			SecurityLabels.part2(communication.getMeta());
		}
		communication.setStatus(Communication.CommunicationStatus.COMPLETED);
		communication.addCategory(new CodeableConcept(new Coding(COMMUNICATION_CATEGORY, "alert", "Alert")));
		communication.setPriority(Communication.CommunicationPriority.fromCode(priority(raised.severity()).toCode()));
		communication.setSubject(new Reference("Patient/" + raised.patientId()));
		communication.setTopic(kind(raised.kind()));
		communication.addAbout(new Reference("Task/" + raised.alertId()));
		communication.setSent(Date.from(raised.occurredAt()));
		new LinkedHashSet<>(raised.careTeam())
			.forEach((clinician) -> communication.addRecipient(practitioner(clinician)));
		String words = Wording.evidence(raised.evidence());
		communication.addPayload()
			.setContent(new StringType(Wording.kind(raised.kind()) + (words.isBlank() ? "" : ": " + words)));
		return communication;
	}

	static Task.TaskStatus taskStatus(AlertStatus status) {
		return switch (status) {
			case OPEN -> Task.TaskStatus.REQUESTED;
			case ACKNOWLEDGED -> Task.TaskStatus.ACCEPTED;
			case RESOLVED -> Task.TaskStatus.COMPLETED;
			case AUTO_RESOLVED -> Task.TaskStatus.CANCELLED;
		};
	}

	static Task.TaskPriority priority(Severity severity) {
		return switch (severity) {
			case LOW -> Task.TaskPriority.ROUTINE;
			case MEDIUM -> Task.TaskPriority.URGENT;
			case HIGH -> Task.TaskPriority.ASAP;
			case CRITICAL -> Task.TaskPriority.STAT;
		};
	}

	static Coding flagPriority(Severity severity) {
		return switch (severity) {
			case LOW -> new Coding(FLAG_PRIORITY_CODES, "PL", "Low priority");
			case MEDIUM -> new Coding(FLAG_PRIORITY_CODES, "PM", "Medium priority");
			case HIGH, CRITICAL -> new Coding(FLAG_PRIORITY_CODES, "PH", "High priority");
		};
	}

	private static String statusWords(AlertStatus status) {
		return switch (status) {
			case OPEN -> "Open";
			case ACKNOWLEDGED -> "Acknowledged";
			case RESOLVED -> "Resolved";
			case AUTO_RESOLVED -> "Resolved automatically";
		};
	}

	private static void meta(Meta meta, Alert alert) {
		meta.setLastUpdated(Date.from(lastUpdated(alert)));
		if (isPart2(alert)) {
			SecurityLabels.part2(meta);
		}
	}

	private static CodeableConcept kind(Alert alert) {
		return kind(alert.kind());
	}

	private static CodeableConcept kind(String kind) {
		String words = Wording.kind(kind);
		return new CodeableConcept(new Coding(ALERT_KINDS, kind, words)).setText(words);
	}

	private static Reference patient(Alert alert) {
		return new Reference("Patient/" + alert.patientId());
	}

	/** The last clinician who acknowledged the alert, if any. */
	static Optional<String> acknowledgedBy(Alert alert) {
		List<Alert.Transition> history = alert.history();
		for (int i = history.size() - 1; i >= 0; i--) {
			if ("ACKNOWLEDGED".equals(history.get(i).change())) {
				return Optional.ofNullable(history.get(i).by());
			}
		}
		return Optional.empty();
	}

	/** When the alert closed: its last transition to a closed status. */
	private static Instant closedAt(Alert alert) {
		return alert.history()
			.stream()
			.filter((step) -> step.status() != null && !step.status().active())
			.map(Alert.Transition::at)
			.max(Comparator.naturalOrder())
			.orElse(lastUpdated(alert));
	}

	/**
	 * A staff member by the id the JSON API shows: {@code Practitioner/<id>}, or by
	 * identifier when the id cannot be a FHIR id (a program admin's token subject, say).
	 */
	static Reference practitioner(String staffId) {
		if (FHIR_ID.matcher(staffId).matches()) {
			return new Reference("Practitioner/" + staffId);
		}
		return new Reference().setType("Practitioner")
			.setIdentifier(new Identifier().setSystem(STAFF_IDS).setValue(staffId));
	}

	private static Set<String> names(AlertKind... kinds) {
		return Stream.of(kinds).map(AlertKind::name).collect(Collectors.toUnmodifiableSet());
	}

}
