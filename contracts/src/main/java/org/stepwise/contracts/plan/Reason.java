package org.stepwise.contracts.plan;

import java.util.Map;

/**
 * Why something changed: a signal id (e.g. {@code S6}) or clinician action, with the
 * values behind it.
 */
public record Reason(String code, String evidence, Map<String, String> values) {
}
