package org.stepwise.attendance.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.jspecify.annotations.Nullable;

import org.stepwise.attendance.record.AttendanceRecord.CorrectionReason;
import org.stepwise.attendance.record.RecordAttendanceRequest;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirRejection;

/**
 * An Encounter as the JSON API's attendance record of one patient at one session: the
 * session is {@code appointment} ({@code Appointment/<id>}, as Stepwise gave it), the
 * patient {@code subject}; {@code finished} is attended unless the Stepwise
 * attendance-status extension says late or left early, {@code cancelled} needs the
 * extension to say which absence (no-show, excused, cancelled by the program); minutes
 * attended from {@code length} (UCUM {@code min} or {@code h}), else from {@code period},
 * else none. Pure: what is wrong is named by its FHIRPath.
 */
public final class EncounterMapping {

	private static final BigDecimal DAY = BigDecimal.valueOf(1440);

	private EncounterMapping() {
	}

	/**
	 * One patient's attendance at one session, and for each request field
	 * ({@code patientId}, {@code status}, {@code minutesAttended}, {@code sessionId}) the
	 * element it came from.
	 */
	public record Mapped(String sessionId, RecordAttendanceRequest.Entry entry, Map<String, String> expressions) {

		public String expressionOf(String field) {
			String at = field.startsWith("records[") ? field.substring(field.indexOf('.') + 1) : field;
			return this.expressions.getOrDefault(at, this.expressions.get(""));
		}

		/** The same attendance at the session an Appointment of the Bundle became. */
		public Mapped inSession(String id) {
			return new Mapped(id, this.entry, this.expressions);
		}

		/**
		 * Whether the session is an Appointment of the same transaction
		 * ({@code urn:uuid:} fullUrl), not yet stored.
		 */
		public boolean inBundle() {
			return isBundleLocal(this.sessionId);
		}

		/** As the JSON API's request for this patient alone. */
		public RecordAttendanceRequest request() {
			return new RecordAttendanceRequest(this.entry.patientId(), this.entry.status(),
					this.entry.minutesAttended(), null);
		}

	}

	/**
	 * @throws FhirRejection (422) naming every element that cannot be taken
	 */
	public static Mapped map(Encounter encounter, String base) {
		List<FhirIssue> issues = new ArrayList<>();
		Map<String, String> expressions = new HashMap<>();
		expressions.put("", base);
		String sessionId = null;
		if (encounter.getAppointment().size() != 1) {
			issues.add(encounter.getAppointment().isEmpty()
					? FhirIssue.required(base + ".appointment",
							"is required: a reference to the session, Appointment/<id> as Stepwise gave it")
					: FhirIssue.value(base + ".appointment", "must be one session"));
		}
		else if (isBundleLocal(encounter.getAppointmentFirstRep().getReference())) {
			// an Appointment of the same transaction, resolved there
			sessionId = encounter.getAppointmentFirstRep().getReference();
		}
		else {
			sessionId = FhirElements.referenced(encounter.getAppointmentFirstRep().getReference(), "Appointment",
					base + ".appointment[0].reference", "the session, as Stepwise gave it", issues);
		}
		expressions.put("sessionId", base + ".appointment[0]");
		String patientId = FhirElements.referenced(encounter.getSubject().getReference(), "Patient",
				base + ".subject.reference", "the patient who was expected", issues);
		expressions.put("patientId", base + ".subject.reference");
		AttendanceStatus status = status(encounter, base, issues, expressions);
		Integer minutes = minutes(encounter, base, status != null && status.present(), issues, expressions);
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		// identifiers and ranges are Bean Validation's, the session's rules the
		// service's:
		// both named through the expressions
		return new Mapped(sessionId, new RecordAttendanceRequest.Entry(patientId, status, minutes),
				Map.copyOf(expressions));
	}

	/**
	 * Why an update corrects the attendance: the correction-reason extension, required
	 * when status or minutes change.
	 */
	public static @Nullable CorrectionReason correctionReason(Encounter encounter, boolean changes,
			List<FhirIssue> issues) {
		String at = "Encounter.extension('" + AttendanceCodes.CORRECTION_EXTENSION + "')";
		Extension extension = encounter.getExtensionByUrl(AttendanceCodes.CORRECTION_EXTENSION);
		if (extension == null) {
			if (changes) {
				issues.add(FhirIssue.required(at,
						"is required to change status or minutes: why (DATA_ENTRY_ERROR, "
								+ "LATE_DOCUMENTATION, EXCUSE_RECEIVED or OTHER from "
								+ AttendanceCodes.CORRECTION_REASON + ")"));
			}
			return null;
		}
		CorrectionReason reason = (extension.getValue() instanceof Coding coding
				&& AttendanceCodes.CORRECTION_REASON.equals(coding.getSystem()) && coding.getCode() != null)
						? AttendanceCodes.correctionReason(coding.getCode()).orElse(null) : null;
		if (reason == null) {
			issues
				.add(FhirIssue.value(at + ".value", "must be a valueCoding from " + AttendanceCodes.CORRECTION_REASON));
		}
		return reason;
	}

	/** A reference to an entry of the same Bundle by its {@code urn:uuid:} fullUrl. */
	static boolean isBundleLocal(@Nullable String reference) {
		return reference != null && reference.startsWith("urn:uuid:");
	}

	private static @Nullable AttendanceStatus status(Encounter encounter, String base, List<FhirIssue> issues,
			Map<String, String> expressions) {
		String extensionAt = base + ".extension('" + AttendanceCodes.ATTENDANCE_EXTENSION + "')";
		Encounter.EncounterStatus status = encounter.getStatus();
		boolean finished = status == Encounter.EncounterStatus.FINISHED;
		if (!finished && status != Encounter.EncounterStatus.CANCELLED) {
			issues.add((status == null || status == Encounter.EncounterStatus.NULL)
					? FhirIssue.required(base + ".status", "is required: finished or cancelled")
					: FhirIssue.value(base + ".status",
							"must be finished (the patient came) or cancelled (they did not): attendance is "
									+ "recorded once the session has taken place"));
			return null;
		}
		Extension extension = encounter.getExtensionByUrl(AttendanceCodes.ATTENDANCE_EXTENSION);
		if (extension == null) {
			expressions.put("status", base + ".status");
			if (!finished) {
				issues.add(FhirIssue.required(extensionAt,
						"is required when status is cancelled: which absence (NO_SHOW, EXCUSED or "
								+ "CANCELLED_BY_PROGRAM from " + AttendanceCodes.ATTENDANCE_STATUS + ")"));
				return null;
			}
			return AttendanceStatus.ATTENDED;
		}
		expressions.put("status", extensionAt);
		AttendanceStatus coded = (extension.getValue() instanceof Coding coding
				&& AttendanceCodes.ATTENDANCE_STATUS.equals(coding.getSystem()) && coding.getCode() != null)
						? AttendanceCodes.attendanceStatus(coding.getCode()).orElse(null) : null;
		if (coded == null) {
			issues.add(FhirIssue.value(extensionAt + ".value",
					"must be a valueCoding from " + AttendanceCodes.ATTENDANCE_STATUS));
			return null;
		}
		if (coded.present() != finished) {
			issues.add(FhirIssue.value(base + ".status",
					coded.present() ? "must be finished: the attendance status says the patient came"
							: "must be cancelled: the attendance status says the patient did not come"));
			return null;
		}
		return coded;
	}

	/**
	 * From {@code length}; for a patient who came, else from {@code period} (an absent
	 * patient's period is the session's).
	 */
	private static @Nullable Integer minutes(Encounter encounter, String base, boolean present, List<FhirIssue> issues,
			Map<String, String> expressions) {
		if (encounter.hasLength()) {
			expressions.put("minutesAttended", base + ".length");
			Duration length = encounter.getLength();
			BigDecimal value = length.getValue();
			BigDecimal perUnit = !AttendanceCodes.UCUM.equals(length.getSystem()) ? null
					: switch (String.valueOf(length.getCode())) {
						case "min" -> BigDecimal.ONE;
						case "h" -> BigDecimal.valueOf(60);
						default -> null;
					};
			if (value == null || perUnit == null) {
				issues.add(FhirIssue.value(base + ".length",
						"must be a value in UCUM min or h (system " + AttendanceCodes.UCUM + ")"));
				return null;
			}
			BigDecimal minutes = value.multiply(perUnit);
			if (minutes.signum() < 0 || minutes.stripTrailingZeros().scale() > 0 || minutes.compareTo(DAY) > 0) {
				issues.add(FhirIssue.value(base + ".length", "must be whole minutes from 0 to 1440"));
				return null;
			}
			return minutes.intValueExact();
		}
		if (present && encounter.getPeriod().hasStart() && encounter.getPeriod().hasEnd()) {
			expressions.put("minutesAttended", base + ".period");
			Instant start = encounter.getPeriod().getStart().toInstant();
			Instant end = encounter.getPeriod().getEnd().toInstant();
			long minutes = java.time.Duration.between(start, end).toMinutes();
			if (minutes < 0 || minutes > DAY.intValue()) {
				issues.add(FhirIssue.value(base + ".period", "must end after it starts, within a day"));
				return null;
			}
			return (int) minutes;
		}
		expressions.put("minutesAttended", base + ".length");
		return null;
	}

}
