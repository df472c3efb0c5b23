package org.stepwise.simulator.earlywarning;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWritersTest {

	/**
	 * The hand-checked run of {@link EvaluationTest}: 3-day auROC 0.900, 7.50 false
	 * alerts.
	 */
	static final Evaluation.Report REPORT = EvaluationTest.twoPatients();

	static final Targets THREE_DAY_TARGETS = new Targets(3, 0.85, 3, 0.80, 1.0, 0.05);

	static final RunDescription RUN = new RunDescription("Early warning <test>", "two hand-made patients",
			"hand-made scores", "ELEVATED at >= 0.30 & HIGH at >= 0.55",
			Map.of(Evaluation.HELD_OUT, List.of(101L, 102L)));

	@Test
	void checksTheTargetsOnASplit() {
		List<Targets.Check> checks = THREE_DAY_TARGETS.check(REPORT.split(Evaluation.HELD_OUT).orElseThrow());
		assertThat(checks).extracting(Targets.Check::met).containsExactly(true, true, false, false);
		assertThat(checks.get(0).value()).isEqualTo(0.9);
		assertThat(checks.get(1).shown()).isEqualTo("100% (1 of 1)");
		assertThat(checks.get(2).value()).isEqualTo(7.5);
		// No subgroup attribute has two values with an auROC: the gap cannot be shown, so
		// it is not met.
		assertThat(checks.get(3).value()).isNaN();
	}

	@Test
	void summaryPrintsTheTargetsAndTheFigures() {
		String summary = SummaryPrinter.summary(REPORT, RUN, THREE_DAY_TARGETS);
		assertThat(summary).contains("Seeds, held-out: 101, 102")
			.contains(RunDescription.CAVEAT)
			.contains("== Split held-out: 2 patients, 20 scored days, 4.0 patient-weeks ==")
			.contains("[met] auROC, use within 3 days >= 0.85: 0.900 \u00b1 0.118")
			.contains("[met] Lapses with precursors flagged >= 3 days before >= 80%: 100% (1 of 1)")
			.contains("[NOT MET] False relapse-risk alerts per 10 patient-weeks <= 1.00: 7.50 (3 false + 0 cut short")
			.contains("use within 1 day: 1.000 \u00b1 0.000  (17 labelled days, 1 followed by use)")
			.contains("ELEVATED or HIGH: sensitivity 100%, specificity 80%, PPV 60%")
			.contains("       0.50         100%          80%    60%          7.50")
			.contains("with precursor         1 onsets: 100% / 100% / 0%");
	}

	@Test
	void htmlIsWellFormedWithThePlotsAndFigures(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("early-warning.html");
		HtmlReport.write(REPORT, RUN, THREE_DAY_TARGETS, file);
		String html = Files.readString(file);
		Document page = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
		XPath xpath = XPathFactory.newInstance().newXPath();
		assertThat(text(xpath, page, "/html/head/title")).isEqualTo("Early warning <test>");
		assertThat(count(xpath, page, "//script")).isZero();
		assertThat(count(xpath, page, "//*[local-name()='svg']")).isEqualTo(3);
		NodeList curves = (NodeList) xpath.evaluate("//*[local-name()='polyline'][@class='roc-curve']", page,
				XPathConstants.NODESET);
		assertThat(curves.getLength()).isEqualTo(2);
		assertThat(curves.item(1).getTextContent()).isEqualTo("use within 3 days: auROC 0.900");
		assertThat(count(xpath, page, "//*[local-name()='circle'][@class='calibration-bin']")).isEqualTo(2);
		// 15 lead-day groups plus "none", each with and without precursor.
		assertThat(count(xpath, page, "//*[local-name()='rect'][@class='lead-bar']")).isEqualTo(32);
		assertThat(text(xpath, page, "//*[local-name()='rect'][@class='lead-bar'][title='3 days: 1 with precursor']"
				+ "/*[local-name()='title']"))
			.isEqualTo("3 days: 1 with precursor");
		assertThat(text(xpath, page, "//table[@class='thresholds']/tr[3]")).isEqualTo("0.50100%80%60%7.50");
		assertThat(text(xpath, page, "//table[@class='subgroups']/tr[td[1]='sex = FEMALE']/td[4]")).isEqualTo("1.000");
		assertThat(text(xpath, page, "//div[@class='operating-point']/p[1]"))
			.isEqualTo("ELEVATED at >= 0.30 & HIGH at >= 0.55");
		assertThat(text(xpath, page, "//div[@class='operating-point']/table/tr[2]"))
			.isEqualTo("ELEVATED or HIGH100%80%60%");
		assertThat(text(xpath, page, "//table[@id='done-when']/tr[4]/td[3]")).startsWith("7.50 (3 false")
			.endsWith("not met");
		assertThat(text(xpath, page, "//p[@class='caveat']")).contains("Simulated data only shows");
		assertThat(text(xpath, page, "//div[@class='data']")).contains("simulated cohort")
			.contains("Seeds of the held-out split: 101, 102");
	}

	@Test
	void writerAndStringAgree() throws Exception {
		StringWriter writer = new StringWriter();
		HtmlReport.write(REPORT, RUN, THREE_DAY_TARGETS, writer);
		assertThat(writer.toString()).isEqualTo(HtmlReport.html(REPORT, RUN, THREE_DAY_TARGETS));
	}

	@Test
	void aLargerRunRendersEverySplit() throws Exception {
		SyntheticRun run = new SyntheticRun(300, 5);
		Evaluation.Report report = Evaluation.evaluate(run.days, run.outcomes, Settings.DEFAULTS);
		String html = HtmlReport.html(report, run.description(), Targets.ISSUE_17);
		Document page = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
		XPath xpath = XPathFactory.newInstance().newXPath();
		// Held-out in full, tuning folded away below it; three plots each.
		assertThat(count(xpath, page, "//section[@id='split-held-out']//*[local-name()='svg']")).isEqualTo(3);
		assertThat(count(xpath, page, "//details[@id='split-tuning']//*[local-name()='svg']")).isEqualTo(3);
		assertThat(count(xpath, page, "//section[@id='split-held-out']//*[@class='roc-curve']")).isEqualTo(3);
		assertThat(count(xpath, page, "//section[@id='split-held-out']//*[@class='calibration-bin']")).isEqualTo(10);
		assertThat(count(xpath, page, "//section[@id='split-held-out']//table[@class='thresholds']/tr"))
			.isEqualTo(1 + Settings.DEFAULTS.thresholds().size());
		// Two values each of age, program and sex.
		assertThat(count(xpath, page, "//section[@id='split-held-out']//table[@class='subgroups']/tr")).isEqualTo(7);
	}

	private static String text(XPath xpath, Document page, String expression) throws Exception {
		return xpath.evaluate(expression, page).trim();
	}

	private static int count(XPath xpath, Document page, String expression) throws Exception {
		return ((Double) xpath.evaluate("count(" + expression + ")", page, XPathConstants.NUMBER)).intValue();
	}

}
