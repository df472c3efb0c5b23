package org.stepwise.attendance.fhir;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.jspecify.annotations.Nullable;

import org.stepwise.attendance.session.ScheduleSessionRequest;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirRejection;

/**
 * An Appointment as the JSON API's {@link ScheduleSessionRequest}: status {@code booked},
 * {@code start} and {@code end} (or {@code minutesDuration}), the session type and
 * modality as {@code serviceType} codings, each {@code Patient} participant on the
 * roster, the one {@code Practitioner} participant the facilitator, the program from the
 * extension or the token's only program. Pure: what is wrong is named by its FHIRPath
 * ({@code base} is where the Appointment is: {@code Appointment}, or
 * {@code Bundle.entry[2].resource}), never by its value.
 */
public final class AppointmentMapping {

	private AppointmentMapping() {
	}

	/**
	 * The request and, for each of its fields ({@code roster[1]}), the element it came
	 * from.
	 */
	public record Mapped(ScheduleSessionRequest request, boolean cancelled, Map<String, String> expressions) {

		/** The element a request field came from, or where it was expected. */
		public String expressionOf(String field) {
			String found = this.expressions.get(field);
			if (found != null) {
				return found;
			}
			int bracket = field.indexOf('[');
			return this.expressions.getOrDefault((bracket < 0) ? field : field.substring(0, bracket),
					this.expressions.get(""));
		}

	}

	/**
	 * A new session: status booked.
	 * @param tokenProgram the caller's program when their token names exactly one
	 * @throws FhirRejection (422) naming every element that cannot be taken
	 */
	public static Mapped map(Appointment appointment, String base, Optional<String> tokenProgram) {
		return map(appointment, base, tokenProgram, false);
	}

	/**
	 * A session as it should be after an update: booked, or cancelled.
	 * @throws FhirRejection (422) naming every element that cannot be taken
	 */
	public static Mapped mapUpdate(Appointment appointment, String base, Optional<String> tokenProgram) {
		return map(appointment, base, tokenProgram, true);
	}

	private static Mapped map(Appointment appointment, String base, Optional<String> tokenProgram,
			boolean mayBeCancelled) {
		List<FhirIssue> issues = new ArrayList<>();
		Map<String, String> expressions = new HashMap<>();
		expressions.put("", base);
		boolean cancelled = mayBeCancelled && appointment.getStatus() == Appointment.AppointmentStatus.CANCELLED;
		if (appointment.getStatus() != Appointment.AppointmentStatus.BOOKED && !cancelled) {
			String allowed = mayBeCancelled ? "booked or cancelled" : "booked";
			issues.add(appointment.hasStatus()
					? FhirIssue.value(base + ".status",
							"must be " + allowed + ": Stepwise schedules confirmed sessions (proposed, pending or "
									+ "waitlisted appointments are not sessions yet)")
					: FhirIssue.required(base + ".status", "is required: " + allowed));
		}
		String programId = FhirElements.program(appointment, base, tokenProgram, issues);
		expressions.put("programId", FhirElements.programExpression(base));
		SessionType sessionType = coded(appointment, base, AttendanceCodes.SESSION_TYPE, "the session type",
				AttendanceCodes::sessionType, issues);
		Modality modality = coded(appointment, base, AttendanceCodes.MODALITY, "the modality",
				AttendanceCodes::modality, issues);
		expressions.put("sessionType", base + ".serviceType");
		expressions.put("modality", base + ".serviceType");
		Instant startsAt = null;
		if (appointment.hasStart()) {
			startsAt = appointment.getStart().toInstant();
		}
		else {
			issues.add(FhirIssue.required(base + ".start", "is required: when the session starts"));
		}
		expressions.put("startsAt", base + ".start");
		Instant endsAt = endsAt(appointment, base, startsAt, issues);
		expressions.put("endsAt", appointment.hasEnd() ? base + ".end" : base + ".minutesDuration");
		List<String> roster = new ArrayList<>();
		String facilitatorId = null;
		expressions.put("roster", base + ".participant");
		expressions.put("facilitatorId", base + ".participant");
		for (int i = 0; i < appointment.getParticipant().size(); i++) {
			AppointmentParticipantComponent participant = appointment.getParticipant().get(i);
			String at = base + ".participant[" + i + "]";
			String reference = participant.getActor().getReference();
			if (reference == null || reference.isBlank()) {
				issues.add(FhirIssue.required(at + ".actor",
						"is required: a reference to a Patient (on the roster) or the Practitioner who facilitates"));
			}
			else if (reference.startsWith("Patient/")) {
				if (participant.getStatus() == Appointment.ParticipationStatus.DECLINED) {
					issues.add(FhirIssue.value(at + ".status",
							"must not be declined: a patient on the roster is expected to attend"));
				}
				expressions.put("roster[" + roster.size() + "]", at + ".actor.reference");
				roster.add(reference.substring("Patient/".length()));
			}
			else if (reference.startsWith("Practitioner/")) {
				if (facilitatorId != null) {
					issues.add(FhirIssue.value(at + ".actor",
							"must be the only Practitioner: a session has one facilitator"));
				}
				facilitatorId = reference.substring("Practitioner/".length());
				expressions.put("facilitatorId", at + ".actor.reference");
			}
			else {
				issues.add(FhirIssue.notSupported(at + ".actor.reference",
						"must be Patient/<id> (on the roster) or Practitioner/<id> (the facilitator)"));
			}
		}
		if (facilitatorId == null && !appointment.getParticipant().isEmpty()) {
			issues.add(FhirIssue.required(base + ".participant",
					"needs one Practitioner participant: who facilitates the session"));
		}
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		// what Bean Validation checks next (identifiers, sizes, plausible times) is named
		// through the expressions
		return new Mapped(
				new ScheduleSessionRequest(programId, sessionType, modality, startsAt, endsAt, facilitatorId, roster),
				cancelled, Map.copyOf(expressions));
	}

	/** From {@code end}, else {@code start + minutesDuration}; both must agree. */
	private static @Nullable Instant endsAt(Appointment appointment, String base, @Nullable Instant startsAt,
			List<FhirIssue> issues) {
		Instant end = appointment.hasEnd() ? appointment.getEnd().toInstant() : null;
		if (!appointment.hasMinutesDuration()) {
			if (end == null) {
				issues
					.add(FhirIssue.required(base + ".end", "is required (or minutesDuration): when the session ends"));
			}
			return end;
		}
		int minutes = appointment.getMinutesDuration();
		if (minutes < 1) {
			issues.add(FhirIssue.value(base + ".minutesDuration", "must be a positive number of minutes"));
			return end;
		}
		if (startsAt == null) {
			return end;
		}
		Instant fromDuration = startsAt.plus(minutes, ChronoUnit.MINUTES);
		if (end != null && !end.equals(fromDuration)) {
			issues.add(FhirIssue.value(base + ".minutesDuration", "must be the minutes from start to end"));
		}
		return (end != null) ? end : fromDuration;
	}

	/**
	 * The one code of {@code system} among the serviceType codings, e.g. GROUP.
	 */
	private static <T> @Nullable T coded(Appointment appointment, String base, String system, String what,
			Function<String, Optional<T>> byCode, List<FhirIssue> issues) {
		T found = null;
		boolean seen = false;
		for (int i = 0; i < appointment.getServiceType().size(); i++) {
			CodeableConcept concept = appointment.getServiceType().get(i);
			for (int j = 0; j < concept.getCoding().size(); j++) {
				Coding coding = concept.getCoding().get(j);
				if (!system.equals(coding.getSystem())) {
					continue;
				}
				String at = base + ".serviceType[" + i + "].coding[" + j + "]";
				if (seen) {
					issues.add(FhirIssue.value(at, "must be the only coding from " + system));
					continue;
				}
				seen = true;
				Optional<T> value = (coding.getCode() != null) ? byCode.apply(coding.getCode()) : Optional.empty();
				if (value.isEmpty()) {
					issues.add(FhirIssue.value(at + ".code", "is not a code of " + system));
				}
				found = value.orElse(null);
			}
		}
		if (!seen) {
			issues.add(FhirIssue.required(base + ".serviceType",
					"needs a coding from " + system + ": " + what + " of the session"));
		}
		return found;
	}

}
