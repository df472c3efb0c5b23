package org.stepwise.attendance.fhir;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

import org.stepwise.fhir.CapabilityStatements;
import org.stepwise.fhir.Part2Consent;

/**
 * What attendance-service's FHIR R4 interface supports ({@code GET /fhir/r4/metadata}):
 * sessions as Appointments, attendance as Encounters (create, read, search by patient),
 * and transaction Bundles of their creates.
 */
final class AttendanceCapabilities {

	private AttendanceCapabilities() {
	}

	static CapabilityStatement of(ObjectProvider<BuildProperties> build) {
		CapabilityStatement statement = CapabilityStatements.server("StepwiseAttendanceService",
				"Stepwise attendance-service FHIR R4 interface",
				"Therapy sessions and attendance of an Intensive Outpatient Program", build);
		CapabilityStatementRestComponent rest = statement.getRestFirstRep();
		rest.addInteraction()
			.setCode(SystemRestfulInteraction.TRANSACTION)
			.setDocumentation("A Bundle of type transaction of Appointment and Encounter creates (up to "
					+ AttendanceFhirController.MAX_TRANSACTION_ENTRIES
					+ " entries), checked as a whole before any is stored");
		CapabilityStatementRestResourceComponent appointments = rest.addResource().setType("Appointment");
		appointments.addInteraction().setCode(TypeRestfulInteraction.CREATE);
		appointments.addInteraction().setCode(TypeRestfulInteraction.READ);
		appointments.addInteraction()
			.setCode(TypeRestfulInteraction.UPDATE)
			.setDocumentation("Reschedules (start, end, the facilitator), changes the roster, or cancels (status "
					+ "cancelled, nothing else changing); program, type and modality stay; never creates");
		appointments.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		appointments.setDocumentation("A therapy session. Create: status booked; start and end (or minutesDuration); "
				+ "serviceType codings from " + AttendanceCodes.SESSION_TYPE + " and " + AttendanceCodes.MODALITY
				+ "; Patient participants (the roster) and one Practitioner participant (the facilitator); the "
				+ "program as extension " + AttendanceCodes.PROGRAM_EXTENSION
				+ " (valueString), or the token's only program. Takes an Idempotency-Key. Read back: booked or "
				+ "cancelled, the whole roster (staff of the session's program); of a program treating substance use "
				+ "(or not known) it is 42 CFR Part 2 data, read only with the scope " + Part2Consent.SCOPE + ".");
		CapabilityStatements.patientSearch(appointments);
		CapabilityStatementRestResourceComponent encounters = rest.addResource().setType("Encounter");
		encounters.addInteraction().setCode(TypeRestfulInteraction.CREATE);
		encounters.addInteraction().setCode(TypeRestfulInteraction.READ);
		encounters.addInteraction()
			.setCode(TypeRestfulInteraction.UPDATE)
			.setDocumentation("Corrects status and minutes (ingest clients and program admins), with extension "
					+ AttendanceCodes.CORRECTION_EXTENSION + " (valueCoding from " + AttendanceCodes.CORRECTION_REASON
					+ ": DATA_ENTRY_ERROR, LATE_DOCUMENTATION, EXCUSE_RECEIVED, OTHER); takes an Idempotency-Key; "
					+ "never creates");
		encounters.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		encounters.setDocumentation("One patient's attendance at a session (appointment: Appointment/<id>; subject: "
				+ "Patient/<id>). Create: status finished (came) or cancelled (did not), extension "
				+ AttendanceCodes.ATTENDANCE_EXTENSION + " (valueCoding from " + AttendanceCodes.ATTENDANCE_STATUS
				+ ": ATTENDED, LATE, LEFT_EARLY, NO_SHOW, EXCUSED, CANCELLED_BY_PROGRAM; required when cancelled), "
				+ "minutes attended as length (UCUM min or h) or period. Idempotent per session and patient. "
				+ "Of a program treating substance use (or not known) it is 42 CFR Part 2 data, read only with the "
				+ "scope " + Part2Consent.SCOPE + ".");
		CapabilityStatements.patientSearch(encounters);
		return statement;
	}

}
