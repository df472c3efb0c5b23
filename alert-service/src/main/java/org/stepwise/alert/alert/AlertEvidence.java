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
}
