package org.stepwise.simulator.drive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.PatientProfile;

/**
 * The body of plan-service {@code POST /api/v1/plans} for a simulated patient: the fields
 * of plan-service's enrolment request ({@code PlanRequests.Enrol}). Who enrols is not in
 * the body: plan-service takes it from the token, which must be a program admin's of the
 * program (the driver's plan token source). Kept apart so a change of that request's
 * shape is a change here only.
 */
public final class PlanEnrolmentBody {

	public static final String PATH = "/api/v1/plans";

	private PlanEnrolmentBody() {
	}

	public static Map<String, Object> of(CohortSpec spec, PatientProfile patient) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("programId", spec.programId());
		body.put("patientId", patient.patientId());
		body.put("levelOfCare", Map.of("code", "2.1", "edition", 3));
		body.put("adolescent", false);
		body.put("weeklyHours", spec.weeklyHours());
		body.put("sessionsPerWeek", spec.groupDays().size() + 1);
		body.put("modalities", List.of("CBT", "DBT", "TWELVE_STEP_FACILITATION", "MOTIVATIONAL_INTERVIEWING"));
		body.put("careTeam", List.of(spec.clinician(patient.group() % 3 + 1), spec.clinician(4 + patient.index() % 2)));
		body.put("startDate", spec.day(patient.enrolDay()).toString());
		body.put("mode", "AUTOMATIC");
		return body;
	}

}
