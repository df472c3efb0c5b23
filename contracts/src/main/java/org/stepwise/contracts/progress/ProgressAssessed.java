package org.stepwise.contracts.progress;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.Range;

/**
 * The current progress picture of a patient, published when it changes (not on every
 * event).
 *
 * @param revision grows with every assessment of this patient; consumers keep the highest
 * @param signals the signals that hold now; one that disappears has cleared
 * @param careTeam clinician ids, so alerts can be routed without calling plan-service
 * @param sourceEventIds the events that produced this assessment (the newest ones)
 * @param lapseRisk the early warning (docs/clinical-rules.md section 3b); null from
 * producers that predate it
 */
public record ProgressAssessed(@Identifier String programId, @Identifier String patientId,
		@Range(min = 0) long revision, RiskLevel riskLevel, boolean stepDownReady, List<SignalFired> signals,
		List<String> careTeam, List<String> sourceEventIds, String ruleSetVersion, Instant assessedAt,
		@Nullable LapseRisk lapseRisk) implements ProgressEvent {

	/** An assessment without the early warning. */
	public ProgressAssessed(String programId, String patientId, long revision, RiskLevel riskLevel,
			boolean stepDownReady, List<SignalFired> signals, List<String> careTeam, List<String> sourceEventIds,
			String ruleSetVersion, Instant assessedAt) {
		this(programId, patientId, revision, riskLevel, stepDownReady, signals, careTeam, sourceEventIds,
				ruleSetVersion, assessedAt, null);
	}

}
