package org.stepwise.simulator.drive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stepwise.simulator.cohort.CohortSpec;
import org.stepwise.simulator.cohort.Observations;
import org.stepwise.simulator.cohort.ScheduledSession;

/**
 * Request bodies of attendance-service and assessment-service (their OpenAPI documents),
 * built from generated observations.
 */
final class ApiBodies {

	static final String SESSIONS = "/api/v1/sessions";

	static final String CHECK_INS = "/api/v1/check-ins";

	static final String ASSESSMENTS = "/api/v1/assessments";

	private ApiBodies() {
	}

	static String attendancePath(String sessionId) {
		return SESSIONS + "/" + sessionId + "/attendance";
	}

	static Map<String, Object> session(CohortSpec spec, ScheduledSession session) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("programId", spec.programId());
		body.put("sessionType", session.type().name());
		body.put("modality", session.modality().name());
		body.put("startsAt", session.startsAt().toString());
		body.put("endsAt", session.endsAt().toString());
		body.put("facilitatorId", session.facilitatorId());
		body.put("roster", session.roster());
		return body;
	}

	/** The whole roster at once: stored all or nothing. */
	static Map<String, Object> attendance(List<Observations.Attendance> marks) {
		List<Map<String, Object>> records = marks.stream().map((mark) -> {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("patientId", mark.patientId());
			record.put("status", mark.status().name());
			record.put("minutesAttended", mark.minutesAttended());
			return record;
		}).toList();
		return Map.of("records", records);
	}

	static Map<String, Object> checkIn(CohortSpec spec, Observations.CheckIn checkIn) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("patientId", checkIn.patientId());
		body.put("programId", spec.programId());
		body.put("occurredAt", checkIn.occurredAt().toString());
		body.put("mood", checkIn.mood());
		body.put("craving", checkIn.craving());
		body.put("usedSinceLastCheckIn", checkIn.usedSinceLastCheckIn());
		body.put("substances", checkIn.substances());
		body.put("sleepHours", checkIn.sleepHours());
		body.put("stress", checkIn.stress());
		body.put("medicationTakenAsPrescribed", checkIn.medicationTakenAsPrescribed());
		body.put("confidence", checkIn.confidence());
		body.put("highRiskSituation", checkIn.highRiskSituation());
		if (checkIn.highRiskCategory() != null) {
			body.put("highRiskCategory", checkIn.highRiskCategory());
		}
		return body;
	}

	static Map<String, Object> assessment(CohortSpec spec, Observations.Assessment assessment) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("patientId", assessment.patientId());
		body.put("programId", spec.programId());
		body.put("instrument", assessment.instrument().name());
		body.put("occurredAt", assessment.occurredAt().toString());
		if (assessment.analytes().isEmpty()) {
			body.put("items", assessment.items());
		}
		else {
			body.put("analytes", assessment.analytes().stream().map((a) -> {
				Map<String, Object> analyte = new LinkedHashMap<>();
				analyte.put("analyte", a.analyte());
				analyte.put("positive", a.positive());
				analyte.put("confirmatory", a.confirmatory());
				analyte.put("prescribed", a.prescribed());
				return analyte;
			}).toList());
		}
		return body;
	}

}
