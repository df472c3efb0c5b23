package org.stepwise.attendance.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;

import org.stepwise.attendance.session.ScheduleSessionRequest;
import org.stepwise.attendance.session.Session;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.R4Validation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions as Appointments: every kind Stepwise emits validates against R4, and an
 * Appointment read back and posted again is the same session.
 */
class SessionAppointmentsTest {

	static final Instant START = Instant.parse("2026-03-02T18:00:00Z");

	static final Instant RECORDED = Instant.parse("2026-02-20T09:00:00Z");

	static Session session(boolean cancelled, Instant updatedAt) {
		return new Session("6f1c1f0e-8a52-4c1e-9d7e-0f1f2c3d4e5f", "program-a", SessionType.FAMILY,
				Modality.MOTIVATIONAL_INTERVIEWING, START, START.plusSeconds(90 * 60), "clinician-1",
				List.of("patient-1", "patient-2"), cancelled, RECORDED, updatedAt, null, null, null);
	}

	@Test
	void aSessionIsABookedAppointmentWithItsRosterFacilitatorKindAndProgram() {
		Appointment appointment = SessionAppointments.of(session(false, null), true);

		assertThat(R4Validation.errors(appointment)).isEmpty();
		assertThat(appointment.getIdPart()).isEqualTo("6f1c1f0e-8a52-4c1e-9d7e-0f1f2c3d4e5f");
		assertThat(appointment.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
		assertThat(appointment.getMeta().getLastUpdated().toInstant()).isEqualTo(RECORDED);
		assertThat(appointment.getStart().toInstant()).isEqualTo(START);
		assertThat(appointment.getMinutesDuration()).isEqualTo(90);
		assertThat(appointment.getServiceType())
			.extracting((type) -> type.getCodingFirstRep().getSystem() + "|" + type.getCodingFirstRep().getCode() + " "
					+ type.getCodingFirstRep().getDisplay())
			.containsExactly(AttendanceCodes.SESSION_TYPE + "|FAMILY Family",
					AttendanceCodes.MODALITY + "|MOTIVATIONAL_INTERVIEWING Motivational interviewing");
		assertThat(appointment.getParticipant()).extracting((p) -> p.getActor().getReference())
			.containsExactly("Patient/patient-1", "Patient/patient-2", "Practitioner/clinician-1");
		assertThat(appointment.getExtensionString(AttendanceCodes.PROGRAM_EXTENSION)).isEqualTo("program-a");
		assertThat(appointment.getMeta().getSecurity()).extracting((label) -> label.getCode())
			.containsExactly("42CFRPart2", "R");
	}

	@Test
	void aCancelledSessionIsACancelledAppointmentLastUpdatedWhenCancelled() {
		Instant cancelledAt = START.minusSeconds(3600);
		Appointment appointment = SessionAppointments.of(session(true, cancelledAt), false);

		assertThat(R4Validation.errors(appointment)).isEmpty();
		assertThat(appointment.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
		assertThat(appointment.getMeta().getSecurity()).as("a program that does not treat substance use").isEmpty();
		assertThat(appointment.getMeta().getLastUpdated().toInstant()).isEqualTo(cancelledAt);
	}

	@Test
	void anAppointmentReadBackAndPostedAgainIsTheSameSession() {
		Session session = session(false, null);
		Appointment readBack = (Appointment) FhirJson.parse(FhirJson.encode(SessionAppointments.of(session, true)),
				"Appointment");

		ScheduleSessionRequest request = AppointmentMapping.map(readBack, "Appointment", Optional.empty()).request();

		assertThat(request).isEqualTo(new ScheduleSessionRequest(session.programId(), session.sessionType(),
				session.modality(), session.startsAt(), session.endsAt(), session.facilitatorId(), session.roster()));
	}

}
