package org.stepwise.contracts.audit;

import org.stepwise.contracts.StepwiseEvent;

/**
 * Events on {@code stepwise.audit.v1}: keyed by the patient id when the access concerns
 * one patient, otherwise by the program id (or, failing that, the caller).
 */
public sealed interface AuditEvent extends StepwiseEvent permits AuditRecorded {

}
