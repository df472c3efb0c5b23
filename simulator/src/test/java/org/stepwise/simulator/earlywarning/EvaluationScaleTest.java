package org.stepwise.simulator.earlywarning;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationScaleTest {

	@Test
	void fiveThousandPatientsOfTwelveWeeksEvaluateConsistently() {
		SyntheticRun run = new SyntheticRun(5_000, 17);
		assertThat(run.days).hasSize(5_000 * SyntheticRun.DAYS);
		Evaluation.Report report = Evaluation.evaluate(run.days, run.outcomes, Settings.DEFAULTS);
		String summary = SummaryPrinter.summary(report, run.description(), Targets.ISSUE_17);
		String html = HtmlReport.html(report, run.description(), Targets.ISSUE_17);
		// How long it takes is bench/early-warning.sh's to print, not a test's to time.
		Figures heldOut = report.split(Evaluation.HELD_OUT).orElseThrow().overall();
		assertThat(heldOut.patients()).isEqualTo(2_000);
		// The made-up scores rise before most lapses with precursors: they must rank well
		// above chance and warn earlier of those lapses than of the others.
		assertThat(heldOut.discrimination(7).auRoc()).isBetween(0.6, 0.99);
		assertThat(heldOut.leadTimes().withPrecursor().shareFlaggedAtLeast(3))
			.isGreaterThan(heldOut.leadTimes().withoutPrecursor().shareFlaggedAtLeast(3));
		assertThat(heldOut.calibration().bins()).hasSize(10);
		assertThat(summary).contains("== Split held-out: 2,000 patients, 168,000 scored days, 24000.0 patient-weeks");
		assertThat(html).contains("<svg").endsWith("</html>\n");
	}

}
