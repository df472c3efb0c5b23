package org.stepwise.simulator.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.stepwise.simulator.cohort.GroundTruth;

/**
 * How well Stepwise's rules did against the ground truth of a simulated cohort. Pure.
 *
 * <ul>
 * <li>A relapse is <em>detected</em> by a relapse-risk alert whose evidence falls from
 * {@code lookBackDays} before to {@code lookAheadDays} after the relapse day; the lead
 * time is the relapse day minus the first such alert's day (negative: raised after
 * it).</li>
 * <li>A relapse-risk alert is <em>false</em> when no day of use of that patient (lapse or
 * relapse) lies in that window around it; the rate is per 10 patient-weeks observed.</li>
 * <li>A safety event is <em>alerted</em> by a SAFETY alert for the patient whose evidence
 * is at most a day after it; its latency runs from the submission to the alert being
 * raised (from the clinical time when the submission time is unknown).</li>
 * <li>Step-down readiness <em>agrees</em> when neither the truth nor Stepwise says ready,
 * or both do within {@code agreementDays} of each other (Stepwise: a STEP_DOWN_READY
 * alert or a step-down recommendation).</li>
 * </ul>
 */
public final class RuleQuality {

	/**
	 * @param lookBackDays how early an alert may come and still count for a relapse
	 * @param lookAheadDays how late
	 * @param agreementDays how far apart the true and the observed readiness may be
	 */
	public record Windows(int lookBackDays, int lookAheadDays, int agreementDays) {

		public static final Windows DEFAULTS = new Windows(14, 7, 7);

	}

	/**
	 * The figures. Medians and latencies are null when there is nothing to take them of.
	 */
	public record Report(int patients, double patientWeeks, int relapses, int relapsesDetected,
			@Nullable Double medianLeadDays, List<Long> leadDays, int relapseAlerts, int falseRelapseAlerts,
			double falseAlertsPer10PatientWeeks, int safetyEvents, int safetyAlerted,
			@Nullable Duration medianSafetyLatency, @Nullable Duration maxSafetyLatency, int trulyReady,
			int observedReady, int readinessAgreements, int automaticAdjustments,
			int maxAutomaticAdjustmentsOfOnePatient, Map<String, Integer> alertsByKind) {

		public Report {
			leadDays = List.copyOf(leadDays);
			alertsByKind = Map.copyOf(alertsByKind);
		}

		/**
		 * Every alert a clinician saw appear, of any kind, per patient-week: the noise
		 * measure (a resolved alert that comes back is a new alert).
		 */
		public double alertsPerPatientWeek() {
			return (this.patientWeeks == 0) ? 0 : alerts() / this.patientWeeks;
		}

		public int alerts() {
			return this.alertsByKind.values().stream().mapToInt(Integer::intValue).sum();
		}

		public double sensitivity() {
			return ratio(this.relapsesDetected, this.relapses);
		}

		public double safetyAlertedShare() {
			return ratio(this.safetyAlerted, this.safetyEvents);
		}

		public double readinessAgreement() {
			return ratio(this.readinessAgreements, this.patients);
		}

		public double automaticAdjustmentsPerPatient() {
			return ratio(this.automaticAdjustments, this.patients);
		}

		private static double ratio(int part, int whole) {
			return (whole == 0) ? Double.NaN : (double) part / whole;
		}

	}

	private RuleQuality() {
	}

	public static Report compute(List<GroundTruth> truth, List<Observed.Alert> alerts,
			List<Observed.PlanChange> planChanges, Map<String, Instant> safetySubmittedAt, ZoneId zone,
			Windows windows) {
		Map<String, List<Observed.Alert>> alertsByPatient = alerts.stream()
			.sorted(Comparator.comparing(Observed.Alert::clinicalAt))
			.collect(Collectors.groupingBy(Observed.Alert::patientId));
		Map<String, List<Observed.PlanChange>> changesByPatient = planChanges.stream()
			.sorted(Comparator.comparing(Observed.PlanChange::clinicalAt))
			.collect(Collectors.groupingBy(Observed.PlanChange::patientId));

		double patientDays = 0;
		int relapses = 0;
		List<Long> leads = new ArrayList<>();
		int relapseAlerts = 0;
		int falseAlerts = 0;
		int safetyEvents = 0;
		List<Duration> latencies = new ArrayList<>();
		int trulyReady = 0;
		int observedReady = 0;
		int agreements = 0;
		int automatic = 0;
		int maxAutomatic = 0;
		for (GroundTruth t : truth) {
			patientDays += t.observedDays();
			List<Observed.Alert> own = alertsByPatient.getOrDefault(t.patientId(), List.of());
			List<Observed.Alert> relapseRisk = own.stream()
				.filter((a) -> a.kind().equals(Observed.RELAPSE_RISK))
				.toList();

			if (t.relapseDay() != null) {
				relapses++;
				LocalDate relapse = t.relapseDay();
				relapseRisk.stream()
					.map((a) -> day(a.clinicalAt(), zone))
					.filter((d) -> within(d, relapse, windows))
					.findFirst()
					.ifPresent((d) -> leads.add(ChronoUnit.DAYS.between(d, relapse)));
			}
			for (Observed.Alert alert : relapseRisk) {
				relapseAlerts++;
				LocalDate day = day(alert.clinicalAt(), zone);
				if (t.useDays().stream().noneMatch((use) -> within(day, use, windows))) {
					falseAlerts++;
				}
			}

			if (t.safetyEventAt() != null) {
				safetyEvents++;
				Instant event = t.safetyEventAt();
				Instant submitted = safetySubmittedAt.get(t.patientId());
				own.stream()
					.filter((a) -> a.kind().equals(Observed.SAFETY))
					.filter((a) -> !a.clinicalAt().isBefore(event.minus(Duration.ofMinutes(5)))
							&& a.clinicalAt().isBefore(event.plus(Duration.ofDays(1))))
					.findFirst()
					.ifPresent((a) -> latencies.add((submitted != null) ? Duration.between(submitted, a.raisedAt())
							: Duration.between(event, a.clinicalAt())));
			}

			Optional<LocalDate> observed = own.stream()
				.filter((a) -> a.kind().equals(Observed.STEP_DOWN_READY))
				.map((a) -> day(a.clinicalAt(), zone))
				.findFirst();
			Optional<LocalDate> recommended = changesByPatient.getOrDefault(t.patientId(), List.of())
				.stream()
				.filter(Observed.PlanChange::stepDown)
				.map((c) -> day(c.clinicalAt(), zone))
				.findFirst();
			Optional<LocalDate> ready = earliest(observed, recommended);
			trulyReady += (t.stepDownReadyDay() != null) ? 1 : 0;
			observedReady += ready.isPresent() ? 1 : 0;
			if (t.stepDownReadyDay() == null) {
				agreements += ready.isEmpty() ? 1 : 0;
			}
			else if (ready.isPresent() && Math
				.abs(ChronoUnit.DAYS.between(t.stepDownReadyDay(), ready.get())) <= windows.agreementDays()) {
				agreements++;
			}

			int own_automatic = (int) changesByPatient.getOrDefault(t.patientId(), List.of())
				.stream()
				.filter(Observed.PlanChange::automatic)
				.count();
			automatic += own_automatic;
			maxAutomatic = Math.max(maxAutomatic, own_automatic);
		}
		double patientWeeks = patientDays / 7.0;
		latencies.sort(Comparator.naturalOrder());
		java.util.Set<String> cohort = truth.stream().map(GroundTruth::patientId).collect(Collectors.toSet());
		Map<String, Integer> byKind = alerts.stream()
			.filter((a) -> cohort.contains(a.patientId()))
			.collect(Collectors.groupingBy(Observed.Alert::kind, java.util.TreeMap::new,
					Collectors.summingInt((a) -> 1)));
		return new Report(truth.size(), patientWeeks, relapses, leads.size(), median(leads), leads, relapseAlerts,
				falseAlerts, (patientWeeks == 0) ? 0 : falseAlerts * 10.0 / patientWeeks, safetyEvents,
				latencies.size(), latencies.isEmpty() ? null : medianDuration(latencies),
				latencies.isEmpty() ? null : latencies.getLast(), trulyReady, observedReady, agreements, automatic,
				maxAutomatic, byKind);
	}

	private static boolean within(LocalDate alertDay, LocalDate eventDay, Windows windows) {
		return !alertDay.isBefore(eventDay.minusDays(windows.lookBackDays()))
				&& !alertDay.isAfter(eventDay.plusDays(windows.lookAheadDays()));
	}

	private static LocalDate day(Instant instant, ZoneId zone) {
		return instant.atZone(zone).toLocalDate();
	}

	private static Optional<LocalDate> earliest(Optional<LocalDate> a, Optional<LocalDate> b) {
		if (a.isEmpty()) {
			return b;
		}
		if (b.isEmpty()) {
			return a;
		}
		return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
	}

	static @Nullable Double median(List<Long> values) {
		if (values.isEmpty()) {
			return null;
		}
		List<Long> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
	}

	private static Duration medianDuration(List<Duration> sorted) {
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
	}

}
