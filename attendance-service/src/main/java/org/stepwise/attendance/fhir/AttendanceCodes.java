package org.stepwise.attendance.fhir;

import java.util.Arrays;
import java.util.Optional;

import org.stepwise.attendance.record.AttendanceRecord.CorrectionReason;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.fhir.ProgramExtension;

/**
 * The code systems and extensions of attendance-service's FHIR resources: Stepwise's own
 * enumerations under canonical URLs (their codes are the enum names), and HL7's where R4
 * has one.
 */
public final class AttendanceCodes {

	/** The program a session belongs to (as assessment-service's resources). */
	public static final String PROGRAM_EXTENSION = ProgramExtension.URL;

	/**
	 * A patient's attendance, finer than Encounter.status: valueCoding from
	 * {@link #ATTENDANCE_STATUS}.
	 */
	public static final String ATTENDANCE_EXTENSION = "https://stepwise.example/fhir/StructureDefinition/attendance-status";

	/**
	 * Why an attendance is corrected (an update of its Encounter): valueCoding from
	 * {@link #CORRECTION_REASON}.
	 */
	public static final String CORRECTION_EXTENSION = "https://stepwise.example/fhir/StructureDefinition/correction-reason";

	/** DATA_ENTRY_ERROR, LATE_DOCUMENTATION, EXCUSE_RECEIVED, OTHER. */
	public static final String CORRECTION_REASON = "https://stepwise.example/fhir/CodeSystem/correction-reason";

	/** GROUP, INDIVIDUAL, FAMILY, EDUCATION, MEDICATION_MANAGEMENT. */
	public static final String SESSION_TYPE = "https://stepwise.example/fhir/CodeSystem/session-type";

	/** CBT, DBT, MOTIVATIONAL_INTERVIEWING, ... */
	public static final String MODALITY = "https://stepwise.example/fhir/CodeSystem/session-modality";

	/** ATTENDED, LATE, LEFT_EARLY, NO_SHOW, EXCUSED, CANCELLED_BY_PROGRAM. */
	public static final String ATTENDANCE_STATUS = "https://stepwise.example/fhir/CodeSystem/attendance-status";

	/** HL7 v3 ActCode: the Encounter class (AMB: ambulatory). */
	public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	public static final String UCUM = "http://unitsofmeasure.org";

	private AttendanceCodes() {
	}

	public static Optional<SessionType> sessionType(String code) {
		return byName(SessionType.values(), code);
	}

	public static Optional<Modality> modality(String code) {
		return byName(Modality.values(), code);
	}

	public static Optional<AttendanceStatus> attendanceStatus(String code) {
		return byName(AttendanceStatus.values(), code);
	}

	public static Optional<CorrectionReason> correctionReason(String code) {
		return byName(CorrectionReason.values(), code);
	}

	/** "Group session", "Medication management" */
	public static String display(Enum<?> code) {
		String words = code.name().replace('_', ' ').toLowerCase();
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static <E extends Enum<E>> Optional<E> byName(E[] values, String code) {
		return Arrays.stream(values).filter((value) -> value.name().equals(code)).findFirst();
	}

}
