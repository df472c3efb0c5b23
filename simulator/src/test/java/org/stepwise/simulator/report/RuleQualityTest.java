package org.stepwise.simulator.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepwise.simulator.cohort.Archetype;
import org.stepwise.simulator.cohort.GroundTruth;

import static org.assertj.core.api.Assertions.assertThat;

class RuleQualityTest {

	private static final LocalDate ENROLLED = LocalDate.of(2026, 2, 1);

	private static final Instant SAFETY_D = Instant.parse("2026-03-05T17:20:00Z");

	private static final Instant SUBMITTED_D = Instant.parse("2026-12-01T10:00:00Z");

	private static final List<GroundTruth> TRUTH = List.of(
			truth("A", Archetype.RELAPSE, List.of(date(3, 20), date(3, 22)), date(3, 20), null, null),
			truth("B", Archetype.RELAPSE, List.of(date(4, 10)), date(4, 10), null, null),
			truth("C", Archetype.RELAPSE, List.of(date(5, 1)), date(5, 1), null, null),
			truth("D", Archetype.SAFETY_EVENT, List.of(), null, SAFETY_D, date(3, 20)),
			truth("E", Archetype.SAFETY_EVENT, List.of(), null, Instant.parse("2026-03-12T17:20:00Z"), null));

	private static final List<Observed.Alert> ALERTS = List.of(relapseAlert("A", date(3, 15)),
			relapseAlert("A", date(3, 22)), relapseAlert("B", date(4, 12)), relapseAlert("C", date(3, 1)),
			relapseAlert("D", date(3, 10)),
			new Observed.Alert("D", Observed.SAFETY, "CRITICAL", SAFETY_D, SUBMITTED_D.plusMillis(80)),
			// A safety alert of another day does not count for E's event.
			new Observed.Alert("E", Observed.SAFETY, "HIGH", Instant.parse("2026-03-01T17:20:00Z"), SUBMITTED_D),
			new Observed.Alert("D", Observed.STEP_DOWN_READY, "LOW", noon(date(3, 24)), SUBMITTED_D),
			new Observed.Alert("B", "DISENGAGEMENT", "MEDIUM", noon(date(4, 11)), SUBMITTED_D));

	private static final List<Observed.PlanChange> CHANGES = List.of(
			new Observed.PlanChange("A", noon(date(3, 1)), true, false),
			new Observed.PlanChange("A", noon(date(3, 9)), true, false),
			new Observed.PlanChange("A", noon(date(3, 12)), false, false),
			new Observed.PlanChange("D", noon(date(3, 2)), true, false),
			new Observed.PlanChange("E", noon(date(4, 1)), false, true));

	private static final RuleQuality.Report REPORT = RuleQuality.compute(TRUTH, ALERTS, CHANGES,
			Map.of("D", SUBMITTED_D), ZoneOffset.UTC, RuleQuality.Windows.DEFAULTS);

	@Test
	void relapseSensitivityAndLeadTime() {
		assertThat(REPORT.relapses()).isEqualTo(3);
		assertThat(REPORT.relapsesDetected()).isEqualTo(2);
		assertThat(REPORT.sensitivity()).isEqualTo(2.0 / 3);
		assertThat(REPORT.leadDays()).containsExactly(5L, -2L);
		assertThat(REPORT.medianLeadDays()).isEqualTo(1.5);
	}

	@Test
	void falseRelapseAlertsPerTenPatientWeeks() {
		assertThat(REPORT.relapseAlerts()).isEqualTo(5);
		// C's alert two months before its relapse and D's without any use.
		assertThat(REPORT.falseRelapseAlerts()).isEqualTo(2);
		assertThat(REPORT.patientWeeks()).isEqualTo(50.0);
		assertThat(REPORT.falseAlertsPer10PatientWeeks()).isEqualTo(0.4);
	}

	@Test
	void everyAlertOfTheCohortCountsInTheNoiseRate() {
		assertThat(REPORT.alertsByKind()).containsExactlyInAnyOrderEntriesOf(
				Map.of(Observed.RELAPSE_RISK, 5, Observed.SAFETY, 2, Observed.STEP_DOWN_READY, 1, "DISENGAGEMENT", 1));
		assertThat(REPORT.alerts()).isEqualTo(9);
		assertThat(REPORT.alertsPerPatientWeek()).isEqualTo(9 / 50.0);
		assertThat(ReportRenderer.table(REPORT)).contains("Alerts per patient-week, every kind")
			.contains("DISENGAGEMENT 1");
	}

	@Test
	void safetyAlertsAndTheirLatency() {
		assertThat(REPORT.safetyEvents()).isEqualTo(2);
		assertThat(REPORT.safetyAlerted()).isEqualTo(1);
		assertThat(REPORT.safetyAlertedShare()).isEqualTo(0.5);
		assertThat(REPORT.medianSafetyLatency()).isEqualTo(Duration.ofMillis(80));
		assertThat(REPORT.maxSafetyLatency()).isEqualTo(Duration.ofMillis(80));
	}

	@Test
	void stepDownReadinessAgreementAndAutomaticAdjustments() {
		// A, B, C: neither says ready; D: ready 03-20, flagged 03-24; E: recommended, not
		// ready.
		assertThat(REPORT.trulyReady()).isEqualTo(1);
		assertThat(REPORT.observedReady()).isEqualTo(2);
		assertThat(REPORT.readinessAgreements()).isEqualTo(4);
		assertThat(REPORT.readinessAgreement()).isEqualTo(0.8);
		assertThat(REPORT.automaticAdjustments()).isEqualTo(3);
		assertThat(REPORT.automaticAdjustmentsPerPatient()).isEqualTo(0.6);
		assertThat(REPORT.maxAutomaticAdjustmentsOfOnePatient()).isEqualTo(2);
	}

	@Test
	void readinessTooFarFromTheTruthDisagrees() {
		RuleQuality.Report late = RuleQuality.compute(TRUTH.subList(3, 4),
				List.of(new Observed.Alert("D", Observed.STEP_DOWN_READY, "LOW", noon(date(3, 28)), SUBMITTED_D)),
				List.of(), Map.of(), ZoneOffset.UTC, RuleQuality.Windows.DEFAULTS);
		assertThat(late.readinessAgreements()).isZero();
		assertThat(late.safetyAlerted()).isZero();
	}

	@Test
	void nothingToMeasureGivesNoFigureRatherThanZero() {
		RuleQuality.Report empty = RuleQuality.compute(List.of(), List.of(), List.of(), Map.of(), ZoneOffset.UTC,
				RuleQuality.Windows.DEFAULTS);
		assertThat(empty.sensitivity()).isNaN();
		assertThat(empty.medianLeadDays()).isNull();
		assertThat(empty.medianSafetyLatency()).isNull();
		assertThat(ReportRenderer.table(empty)).contains("Relapse-risk sensitivity").contains(" - ");
	}

	@Test
	void rendersATableAndASelfContainedHtmlPage() {
		String table = ReportRenderer.table(REPORT);
		assertThat(table).contains("Relapse-risk sensitivity")
			.contains("67%")
			.contains("1.5 days")
			.contains("0.40")
			.contains("50%")
			.contains("80 ms")
			.contains("80%")
			.contains("0.60");
		String html = ReportRenderer.html(REPORT, "Rule quality <seed 42>");
		assertThat(html).startsWith("<!DOCTYPE html>")
			.contains("<title>Rule quality &lt;seed 42&gt;</title>")
			.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
			.doesNotContain("<script")
			.doesNotContain("src=")
			.contains("<title>5 days</title>")
			.contains("<title>-2 days</title>");
		assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http");
		assertThat(html.split("<rect").length - 1).isEqualTo(3 * 2 + 2);
	}

	private static GroundTruth truth(String id, Archetype archetype, List<LocalDate> uses, LocalDate relapse,
			Instant safety, LocalDate ready) {
		List<LocalDate> lapses = uses.stream().filter((d) -> relapse == null || d.isBefore(relapse)).toList();
		return new GroundTruth(id, archetype, ENROLLED, uses, lapses, relapse, null, safety, ready, 70);
	}

	private static Observed.Alert relapseAlert(String patient, LocalDate day) {
		return new Observed.Alert(patient, Observed.RELAPSE_RISK, "HIGH", noon(day), SUBMITTED_D);
	}

	private static LocalDate date(int month, int day) {
		return LocalDate.of(2026, month, day);
	}

	private static Instant noon(LocalDate day) {
		return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
	}

}
