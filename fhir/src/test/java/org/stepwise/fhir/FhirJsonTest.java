package org.stepwise.fhir;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What the shared parser refuses, and how it names the element. */
class FhirJsonTest {

	static final String PARTICIPANT = "\"participant\":[{\"actor\":{\"reference\":\"Patient/p-1\"},"
			+ "\"status\":\"accepted\"}]";

	@Test
	void anUnknownElementIsNamedWhereItIsNotOnlyByItsName() {
		assertThat(refused("{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"mood\":1," + PARTICIPANT + "}"))
			.isEqualTo("[invalid Appointment.mood]");
		assertThat(refused("{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"participant\":[{\"status\":"
				+ "\"accepted\"},{\"mood\":1,\"status\":\"accepted\"}]}"))
			.isEqualTo("[invalid Appointment.participant[1].mood]");
		assertThat(refused("{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"serviceType\":[{\"coding\":"
				+ "[{\"code\":\"GROUP\",\"mood\":2}]}]," + PARTICIPANT + "}"))
			.isEqualTo("[invalid Appointment.serviceType[0].coding[0].mood]");
	}

	@Test
	void elementsInsideAResourceOfABundleAreNamedThroughTheBundle() {
		assertThat(refused("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
				+ "{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"mood\":1," + PARTICIPANT + "},"
				+ "\"request\":{\"method\":\"POST\",\"url\":\"Appointment\"}}]}", "Bundle"))
			.isEqualTo("[invalid Bundle.entry[0].resource.mood]");
	}

	@Test
	void aValueOfTheWrongTypeIsRefusedWithoutQuotingIt() {
		assertThatExceptionOfType(FhirRejection.class)
			.isThrownBy(() -> FhirJson.parse("{\"resourceType\":\"Appointment\",\"status\":\"booked\","
					+ "\"minutesDuration\":\"secret-value\"," + PARTICIPANT + "}", "Appointment"))
			.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(400))
			.satisfies((ex) -> assertThat(ex.issues().toString()).contains("minutesDuration")
				.doesNotContain("secret-value"));
	}

	@Test
	void aValidResourceIsReadAndWrittenBack() {
		String json = "{\"resourceType\":\"Appointment\",\"status\":\"booked\"," + PARTICIPANT + "}";

		Appointment appointment = (Appointment) FhirJson.parse(json, "Appointment");

		assertThat(appointment.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
		assertThat(FhirJson.encode(appointment)).isEqualTo(json);
	}

	private static String refused(String json) {
		return refused(json, "Appointment");
	}

	private static String refused(String json, String root) {
		try {
			FhirJson.parse(json, root);
		}
		catch (FhirRejection ex) {
			return ex.issues().stream().map((issue) -> issue.code() + " " + issue.expression()).toList().toString();
		}
		throw new AssertionError("not refused");
	}

}
