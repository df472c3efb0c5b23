package org.stepwise.testsupport;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanMode;

/**
 * Plan events that put clinicians on a patient's care team, as plan-service publishes
 * them: what the services' care-team read model (platform {@code CareTeams}) learns from.
 */
public final class CareTeamEvents {

	private CareTeamEvents() {
	}

	public static EventEnvelope<PlanChanged> planChanged(String programId, String patientId, int version,
			String... careTeam) {
		Instant now = Instant.now();
		PlanChanged plan = new PlanChanged("plan-" + patientId, programId, patientId, version,
				new LevelOfCare("2.1", 3), false, new BigDecimal("9"), 3, List.of(careTeam), PlanMode.AUTOMATIC, false,
				LocalDate.now(), ChangeDirection.ENROLLED, "system", List.of(), "rules-test", now);
		return EventEnvelope.of("/stepwise/plan-service", plan, now);
	}

}
