package org.stepwise.contracts.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.OneOf;
import org.stepwise.contracts.Severity;

/** A new alert was opened for a patient and kind. */
public record AlertRaised(String alertId, @Identifier String programId, @Identifier String patientId,
		@OneOf(AlertKind.class) String kind, Severity severity, String evidence, Map<String, String> values,
		List<String> careTeam, List<String> sourceEventIds, Instant occurredAt) implements AlertEvent {
}
