package org.stepwise.contracts.plan;

import org.stepwise.contracts.Range;

/**
 * An ASAM level of care with the edition of the criteria it comes from
 * (docs/clinical-rules.md section 1).
 *
 * @param code e.g. {@code "2.1"} for IOP
 * @param edition 3 or 4
 */
public record LevelOfCare(String code, @Range(min = 3, max = 4) int edition) {
}
