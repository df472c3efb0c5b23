package org.stepwise.alert.alert;

import java.util.List;
import java.util.Map;

import org.stepwise.contracts.Severity;

/**
 * New evidence for an alert of one patient and kind, from whatever raised it.
 *
 * @param revision orders evidence of one source, see {@link Alert#sourceRevision()}
 */
public record AlertEvidence(String programId, String patientId, String kind, Severity severity, String evidence,
		Map<String, String> values, List<String> careTeam, List<String> sourceEventIds, long revision) {

	/** This evidence routed to another care team. */
	AlertEvidence withCareTeam(List<String> team) {
		return new AlertEvidence(this.programId, this.patientId, this.kind, this.severity, this.evidence, this.values,
				team, this.sourceEventIds, this.revision);
	}

	/** This evidence with other values. */
	AlertEvidence withValues(Map<String, String> other) {
		return new AlertEvidence(this.programId, this.patientId, this.kind, this.severity, this.evidence, other,
				this.careTeam, this.sourceEventIds, this.revision);
	}

}
