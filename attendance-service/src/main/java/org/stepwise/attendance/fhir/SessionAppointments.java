package org.stepwise.attendance.fhir;

import java.util.Date;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import org.stepwise.attendance.session.Session;
import org.stepwise.fhir.SecurityLabels;

/**
 * A session as an R4 Appointment: {@code booked}, or {@code cancelled}; its type and
 * modality as {@code serviceType}; each rostered patient and the facilitator as
 * participants; the program as an extension. The status does not change with the clock
 * (no {@code fulfilled} once it is over: whether each patient came is their Encounter),
 * so {@code meta.lastUpdated} is the last change. Labelled 42 CFR Part 2
 * ({@link AttendancePart2}). Pure.
 */
public final class SessionAppointments {

	private SessionAppointments() {
	}

	/**
	 * @param part2 whether the session's program makes it 42 CFR Part 2 data
	 * ({@link AttendancePart2}): then labelled
	 */
	public static Appointment of(Session session, boolean part2) {
		Appointment appointment = new Appointment();
		appointment.setId(session.id());
		appointment.getMeta().setLastUpdated(Date.from(session.lastUpdated()));
		if (part2) {
			SecurityLabels.part2(appointment.getMeta());
		}
		appointment.addExtension(AttendanceCodes.PROGRAM_EXTENSION, new StringType(session.programId()));
		appointment.setStatus(
				session.cancelled() ? Appointment.AppointmentStatus.CANCELLED : Appointment.AppointmentStatus.BOOKED);
		appointment.addServiceType(new CodeableConcept(new Coding(AttendanceCodes.SESSION_TYPE,
				session.sessionType().name(), AttendanceCodes.display(session.sessionType()))));
		appointment.addServiceType(new CodeableConcept(new Coding(AttendanceCodes.MODALITY, session.modality().name(),
				AttendanceCodes.display(session.modality()))));
		appointment.setStart(Date.from(session.startsAt()));
		appointment.setEnd(Date.from(session.endsAt()));
		appointment.setMinutesDuration(session.minutes());
		appointment.setCreated(Date.from(session.recordedAt()));
		for (String patientId : session.roster()) {
			appointment.addParticipant()
				.setActor(new Reference("Patient/" + patientId))
				.setRequired(Appointment.ParticipantRequired.REQUIRED)
				.setStatus(Appointment.ParticipationStatus.ACCEPTED);
		}
		appointment.addParticipant()
			.setActor(new Reference("Practitioner/" + session.facilitatorId()))
			.setRequired(Appointment.ParticipantRequired.REQUIRED)
			.setStatus(Appointment.ParticipationStatus.ACCEPTED);
		return appointment;
	}

}
