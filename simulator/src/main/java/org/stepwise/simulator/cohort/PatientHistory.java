package org.stepwise.simulator.cohort;

import java.util.List;

/**
 * Everything one synthetic patient produces, with the ground truth behind it.
 */
public record PatientHistory(PatientProfile profile, List<Observations.Attendance> attendance,
		List<Observations.CheckIn> checkIns, List<Observations.Assessment> assessments, GroundTruth truth) {

	public PatientHistory {
		attendance = List.copyOf(attendance);
		checkIns = List.copyOf(checkIns);
		assessments = List.copyOf(assessments);
	}

	public String patientId() {
		return this.profile.patientId();
	}

}
