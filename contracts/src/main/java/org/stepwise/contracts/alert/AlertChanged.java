package org.stepwise.contracts.alert;

import java.time.Instant;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.OneOf;
import org.stepwise.contracts.Severity;

/**
 * An alert moved in its lifecycle (acknowledged, resolved, auto-resolved), escalated, or
 * was updated with new evidence.
 *
 * @param change e.g. {@code ACKNOWLEDGED}, {@code ESCALATED}, {@code UPDATED}
 * @param by a clinician id, or {@code system}
 */
public record AlertChanged(String alertId, @Identifier String programId, @Identifier String patientId,
		@OneOf(AlertKind.class) String kind, String change, AlertStatus status, Severity severity, String evidence,
		String by, Instant occurredAt) implements AlertEvent {
}
