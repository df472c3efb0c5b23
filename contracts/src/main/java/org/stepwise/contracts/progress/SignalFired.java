package org.stepwise.contracts.progress;

import java.time.Instant;
import java.util.Map;

import org.stepwise.contracts.OneOf;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertKind;

/**
 * A signal of docs/clinical-rules.md section 3 that holds now, with its evidence.
 *
 * @param id {@code S1} to {@code S16}
 * @param kind the alert kind it maps to, e.g. {@code DISENGAGEMENT}
 * @param evidence human-readable, e.g. {@code "PHQ-9 14 -> 21 (+7) since 2026-03-02"};
 * never names or notes
 * @param values the numbers behind it
 * @param since clinical time the condition started to hold
 */
public record SignalFired(String id, @OneOf(AlertKind.class) String kind, Severity severity, String evidence,
		Map<String, String> values, Instant since) {
}
