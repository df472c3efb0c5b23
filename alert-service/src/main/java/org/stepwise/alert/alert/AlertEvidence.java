package org.stepwise.alert.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Severity;

/**
 * New evidence for an alert of one patient and kind, from whatever raised it.
 *
 * @param revision orders evidence of one source, see {@link Alert#sourceRevision()}
 * @param since clinical time this occurrence of the condition started to hold: the
 * signal's {@code since}, the safety-flagged assessment's or the recommendation's time;
 * null for kinds without one (relapse risk, step-down readiness). A later one is a new
 * occurrence (see {@link AlertBook})
 */
public record AlertEvidence(String programId, String patientId, String kind, Severity severity, String evidence,
		Map<String, String> values, List<String> careTeam, List<String> sourceEventIds, long revision,
		@Nullable Instant since) {

	/** This evidence routed to another care team. */
	AlertEvidence withCareTeam(List<String> team) {
		return new AlertEvidence(this.programId, this.patientId, this.kind, this.severity, this.evidence, this.values,
				team, this.sourceEventIds, this.revision, this.since);
	}

	/** This evidence with other values. */
	AlertEvidence withValues(Map<String, String> other) {
		return new AlertEvidence(this.programId, this.patientId, this.kind, this.severity, this.evidence, other,
				this.careTeam, this.sourceEventIds, this.revision, this.since);
	}

}
