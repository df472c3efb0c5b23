package org.stepwise.alert.careteam;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A patient's care team as the newest plan says ({@code PlanChanged.careTeam}), so alerts
 * are routed without calling plan-service.
 *
 * @param planVersion the highest plan version applied; older or repeated events are
 * ignored
 */
@Document("careTeams")
public record CareTeam(@Id String patientId, String programId, List<String> members, int planVersion) {

	public CareTeam {
		members = List.copyOf(members == null ? List.of() : members);
	}

}
