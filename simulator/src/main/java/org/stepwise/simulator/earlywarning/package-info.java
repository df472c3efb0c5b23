/**
 * The offline evaluation of the early-warning score (docs/clinical-rules.md section 3b,
 * issue 17 items 5 and 6): pure figures from scored patient-days, a text summary and an
 * HTML report.
 *
 * <p>
 * A runner produces one {@link org.stepwise.simulator.earlywarning.ScoredDay} per patient
 * and observed day and one {@link org.stepwise.simulator.earlywarning.PatientOutcome} per
 * patient, then: <pre>
 * Evaluation.Report report = Evaluation.evaluate(days, outcomes, Settings.DEFAULTS);
 * System.out.print(SummaryPrinter.summary(report, run, Targets.ISSUE_17));
 * HtmlReport.write(report, run, Targets.ISSUE_17, Path.of("target/early-warning.html"));
 * </pre> Nothing here does I/O except
 * {@link org.stepwise.simulator.earlywarning.HtmlReport}'s writers; nothing depends on
 * Spring.
 */
package org.stepwise.simulator.earlywarning;
