package org.stepwise.attendance.fhir;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.FhirRejection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A transaction's entries are all checked before anything is stored, every issue named by
 * its place in the Bundle.
 */
class AttendanceTransactionsTest {

	static final String APPOINTMENT = AppointmentMappingTest.appointment("booked", AppointmentMappingTest.TIMES,
			AppointmentMappingTest.KINDS, AppointmentMappingTest.PEOPLE, "");

	static final String ATTENDED = EncounterMappingTest.encounter("finished", "");

	static Bundle bundle(String type, String... entries) {
		StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[");
		for (int i = 0; i < entries.length; i++) {
			String resourceType = entries[i].contains("\"Appointment\",") ? "Appointment" : "Encounter";
			json.append((i > 0) ? "," : "")
				.append("{\"resource\":")
				.append(entries[i])
				.append(",\"request\":{\"method\":\"POST\",\"url\":\"" + resourceType + "\"}}");
		}
		return (Bundle) FhirJson.parse(json.append("]}").toString(), "Bundle");
	}

	static List<AttendanceTransactions.Checked> entries(Bundle bundle) {
		return AttendanceTransactions.entries(bundle, 3,
				(appointment, at) -> AppointmentMapping.map(appointment, at, Optional.of("program-a")),
				(encounter, at, inBundle) -> EncounterMapping.map(encounter, at));
	}

	@Test
	void sessionsAndAttendanceAreCheckedInTheirPlaces() {
		List<AttendanceTransactions.Checked> checked = entries(bundle("transaction", ATTENDED, APPOINTMENT));

		assertThat(checked).extracting(AttendanceTransactions.Checked::index).containsExactly(0, 1);
		assertThat(checked.get(0)).isInstanceOf(AttendanceTransactions.Recorded.class);
		assertThat(checked.get(1)).isInstanceOf(AttendanceTransactions.Scheduled.class);
	}

	@Test
	void everyBadEntryIsNamedAtOnce() {
		Bundle bundle = bundle("transaction", APPOINTMENT.replace("booked", "pending"), ATTENDED,
				EncounterMappingTest.encounter("cancelled", ""));
		bundle.getEntry().get(1).getRequest().setMethod(Bundle.HTTPVerb.PUT);

		FhirRejection rejection = catchThrowableOfType(FhirRejection.class, () -> entries(bundle));

		assertThat(rejection.issues()).extracting(FhirIssue::expression)
			.containsExactly("Bundle.entry[0].resource.status", "Bundle.entry[1].request",
					"Bundle.entry[2].resource.extension('" + AttendanceCodes.ATTENDANCE_EXTENSION + "')");
	}

	@Test
	void anEncounterMayNameASessionOfTheBundleByItsFullUrl() {
		String local = EncounterMappingTest.encounter("finished", "")
			.replace("Appointment/" + EncounterMappingTest.SESSION, "urn:uuid:61d2a5e4-0b4f-4c71-9c3e-2b8f1f0d9a11");
		Bundle bundle = bundle("transaction", local, APPOINTMENT, local.replace("61d2a5e4", "00000000"));
		bundle.getEntry().get(1).setFullUrl("urn:uuid:61d2a5e4-0b4f-4c71-9c3e-2b8f1f0d9a11");

		FhirRejection unknown = catchThrowableOfType(FhirRejection.class, () -> entries(bundle));
		bundle.getEntry().remove(2);
		List<AttendanceTransactions.Checked> checked = entries(bundle);

		assertThat(unknown.issues()).extracting(FhirIssue::expression)
			.containsExactly("Bundle.entry[2].resource.appointment[0].reference");
		assertThat(checked).extracting(AttendanceTransactions.Checked::index).containsExactly(0, 1);
		AttendanceTransactions.Recorded recorded = (AttendanceTransactions.Recorded) checked.get(0);
		assertThat(recorded.encounter().inBundle()).isTrue();
		assertThat(((AttendanceTransactions.Scheduled) checked.get(1)).fullUrl())
			.isEqualTo(recorded.encounter().sessionId());
	}

	@Test
	void aBatchTooManyEntriesAndOnePatientTwiceAreRefused() {
		FhirRejection batch = catchThrowableOfType(FhirRejection.class,
				() -> entries(bundle("batch", ATTENDED, ATTENDED, ATTENDED, ATTENDED)));
		FhirRejection twice = catchThrowableOfType(FhirRejection.class,
				() -> entries(bundle("transaction", ATTENDED, APPOINTMENT, ATTENDED)));

		assertThat(batch.issues()).extracting(FhirIssue::expression).containsExactly("Bundle.type", "Bundle.entry");
		assertThat(twice.issues()).extracting(FhirIssue::expression).containsExactly("Bundle.entry[2].resource");
	}

}
