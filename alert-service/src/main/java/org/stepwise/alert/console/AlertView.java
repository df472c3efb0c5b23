package org.stepwise.alert.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.stepwise.alert.alert.Alert;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;

/**
 * An alert as the console shows it: its kind and evidence in words ({@link Wording}), the
 * program's time zone (the pages show times there, with the zone), and its history as
 * stored (the page collapses repeats).
 *
 * @param kindLabel the kind in words
 * @param evidence the evidence in words
 * @param evidenceParts the same, one part per reason (relapse risk lists several)
 * @param zone the program's time zone (IANA id)
 */
public record AlertView(String id, String programId, String patientId, String kind, String kindLabel, Severity severity,
		AlertStatus status, String evidence, List<String> evidenceParts, Map<String, String> values, Instant raisedAt,
		Instant updatedAt, @Nullable Instant escalatedAt, @Nullable String escalatedTo, String zone,
		List<Alert.Transition> history) {

	static AlertView of(Alert alert, String zone) {
		return new AlertView(alert.id(), alert.programId(), alert.patientId(), alert.kind(), Wording.kind(alert.kind()),
				alert.severity(), alert.status(), Wording.evidence(alert.evidence()), Wording.parts(alert.evidence()),
				alert.values(), alert.raisedAt(), alert.updatedAt(), alert.escalatedAt(), alert.escalatedTo(), zone,
				alert.history());
	}

}
