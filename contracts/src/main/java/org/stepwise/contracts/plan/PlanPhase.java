package org.stepwise.contracts.plan;

/**
 * Where a patient stands in the program (docs/clinical-rules.md section 8): in treatment
 * (IOP, at whatever level of care), in aftercare after discharge (a lighter schedule of
 * check-ins and check-ups), or closed after aftercare (history kept).
 */
public enum PlanPhase {

	IOP, AFTERCARE, CLOSED

}
