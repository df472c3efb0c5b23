package org.stepwise.simulator.earlywarning;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationScaleTest {

	@Test
	void fiveThousandPatientsOfTwelveWeeksEvaluateInSeconds() {
		SyntheticRun run = new SyntheticRun(5_000, 17);
		assertThat(run.days).hasSize(5_000 * SyntheticRun.DAYS);
		long started = System.nanoTime();
		Evaluation.Report report = Evaluation.evaluate(run.days, run.outcomes, Settings.DEFAULTS);
		String summary = SummaryPrinter.summary(report, run.description(), Targets.ISSUE_17);
		String html = HtmlReport.html(report, run.description(), Targets.ISSUE_17);
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("Evaluated %d patient-days in %.2f s%n", run.days.size(), seconds);
		// The brief asks for ~5 s on 2 shared cores; the bound leaves room for a busy
		// machine.
		assertThat(seconds).isLessThan(15);
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
