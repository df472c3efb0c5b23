package org.stepwise.attendance.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import org.stepwise.attendance.record.AttendanceRecord;
import org.stepwise.fhir.SecurityLabels;

/**
 * A patient's attendance at a session as an R4 Encounter: {@code finished} when they were
 * there (attended, late, left early), {@code cancelled} when not (no-show, excused,
 * cancelled by the program), the exact status as a Stepwise extension, the minutes
 * attended as {@code length}, the session as {@code appointment} and its time as
 * {@code period}. Labelled 42 CFR Part 2 when its program makes it so. Pure.
 *
 * <p>
 * The record's own id ({@code <session>/<patient>}) is not a FHIR id (a slash, and up to
 * 101 characters): the Encounter's is the session's (a UUID) and a digest of the record
 * id, so it names neither the patient nor anything else, and leads back to the session
 * the record is in ({@link #sessionOf}).
 */
public final class AttendanceEncounters {

	private static final Pattern ID = Pattern
		.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})" + "\\.[0-9a-f]{24}");

	private AttendanceEncounters() {
	}

	/**
	 * @param part2 whether the record's program makes it 42 CFR Part 2 data
	 * ({@link AttendancePart2}): then labelled
	 */
	public static Encounter of(AttendanceRecord record, boolean part2) {
		Encounter encounter = new Encounter();
		encounter.setId(idOf(record.sessionId(), record.patientId()));
		encounter.getMeta().setLastUpdated(Date.from(record.lastUpdated()));
		if (part2) {
			SecurityLabels.part2(encounter.getMeta());
		}
		encounter.addExtension(AttendanceCodes.PROGRAM_EXTENSION, new StringType(record.programId()));
		encounter.addExtension(AttendanceCodes.ATTENDANCE_EXTENSION, new Coding(AttendanceCodes.ATTENDANCE_STATUS,
				record.status().name(), AttendanceCodes.display(record.status())));
		encounter.setStatus(
				record.status().present() ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.CANCELLED);
		encounter.setClass_(new Coding(AttendanceCodes.ACT_CODE, "AMB", "ambulatory"));
		encounter.addType(new CodeableConcept(new Coding(AttendanceCodes.SESSION_TYPE, record.sessionType().name(),
				AttendanceCodes.display(record.sessionType()))));
		encounter.setSubject(new Reference("Patient/" + record.patientId()));
		encounter.addAppointment(new Reference("Appointment/" + record.sessionId()));
		encounter.setPeriod(new Period().setStart(Date.from(record.occurredAt()))
			.setEnd(Date.from(record.occurredAt().plus(record.sessionMinutes(), ChronoUnit.MINUTES))));
		Duration length = new Duration();
		length.setValue(record.minutesAttended()).setUnit("min").setSystem(AttendanceCodes.UCUM).setCode("min");
		encounter.setLength(length);
		return encounter;
	}

	/**
	 * The Encounter id of a patient's attendance at a session: the session id, a dot, 24
	 * hex digits of the record id's SHA-256 (61 characters; FHIR allows 64).
	 */
	public static String idOf(String sessionId, String patientId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(AttendanceRecord.idOf(sessionId, patientId).getBytes(StandardCharsets.UTF_8));
			return sessionId + "." + HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The session an Encounter id belongs to; empty for an id Stepwise never made. */
	public static Optional<String> sessionOf(String encounterId) {
		var matcher = ID.matcher(encounterId);
		return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

}
