package org.stepwise.plan.progress.domain;

import java.time.LocalDate;

/**
 * What the rules need of a patient's plan: the level (ASAM code), the population and the
 * clinical dates the windows start from.
 *
 * @param startDate the first day of treatment in the program
 * @param levelSince the first day in the current level of care
 */
public record PlanContext(String levelCode, boolean adolescent, LocalDate startDate, LocalDate levelSince) {

}
