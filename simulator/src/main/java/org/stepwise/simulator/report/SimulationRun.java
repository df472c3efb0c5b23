package org.stepwise.simulator.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.stepwise.simulator.cohort.GroundTruth;

/**
 * What a simulator run leaves for the report: the ground truth and when each safety event
 * was submitted (SimulatorMain {@code --truth-out}).
 */
public record SimulationRun(String programId, String zone, List<GroundTruth> truth,
		Map<String, Instant> safetySubmittedAt) {

	public SimulationRun {
		truth = List.copyOf(truth);
		safetySubmittedAt = Map.copyOf(safetySubmittedAt);
	}

}
