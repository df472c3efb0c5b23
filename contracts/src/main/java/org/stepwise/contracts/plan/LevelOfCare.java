package org.stepwise.contracts.plan;

/**
 * An ASAM level of care with the edition of the criteria it comes from (CLINICAL.md
 * section 1).
 *
 * @param code e.g. {@code "2.1"} for IOP
 * @param edition 3 or 4
 */
public record LevelOfCare(String code, int edition) {
}
