package org.stepwise.plan.progress.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded.Orthostatic;
import org.stepwise.contracts.progress.SignalFired;

/**
 * S14, medical instability in an eating disorder (docs/clinical-rules.md section 8, SAHM
 * 2022 / AAP criteria): one or more of % median BMI at most 75; a heart rate under 50/min
 * by day or under 45 at night; blood pressure under 90/45 (a systolic under 90 or a
 * diastolic under 45); a temperature under 35.6 C; an orthostatic pulse rise over 30/min
 * (adults) or over 40 (adolescents), or a systolic drop over 20 or a diastolic drop over
 * 10 mmHg. CRITICAL, and the rules recommend a higher level of care the same day.
 * <p>
 * Each criterion reads the latest measurement that has its value, taken within
 * {@code edVitalsRecentDays} clinical days: a newer normal reading of that vital clears
 * it, another vital measured later does not. "Under" and "over" are strict, "at most"
 * inclusive, as the criteria are written. Whether the orthostatic pulse limit is the
 * adolescent one follows the age on the measurement (under 18), else the plan or the
 * program.
 *
 * @param adolescent whether the patient is an adolescent when a measurement carries no
 * age
 */
public record MedicalInstabilityRule(Thresholds t, boolean adolescent) {

	/** Under this age (months) the adolescent orthostatic limit applies. */
	static final int ADULT_FROM_MONTHS = 18 * 12;

	private static final BigDecimal TENTH = new BigDecimal("0.1");

	/**
	 * The measurements taken up to {@code now}, in any order.
	 */
	public Optional<SignalFired> evaluate(Collection<VitalsMark> measurements, ZoneId zone, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		LocalDate from = today.minusDays(this.t.edVitalsRecentDays() - 1);
		List<VitalsMark> recent = measurements.stream()
			.filter((m) -> !m.occurredAt().isAfter(now) && !LocalDate.ofInstant(m.occurredAt(), zone).isBefore(from))
			.sorted(Comparator.comparing(VitalsMark::occurredAt).thenComparing(VitalsMark::measurementId))
			.toList();
		if (this.t.edVitalsRecentDays() <= 0 || recent.isEmpty()) {
			return Optional.empty();
		}
		List<String> evidence = new ArrayList<>();
		Map<String, String> values = new LinkedHashMap<>();
		List<String> criteria = new ArrayList<>();
		List<Instant> since = new ArrayList<>();

		latest(recent, VitalsMark::medianBmiPercent).ifPresent((m) -> {
			BigDecimal percent = m.medianBmiPercent();
			if (percent.compareTo(BigDecimal.valueOf(this.t.edMedianBmiPercentAtMost())) <= 0) {
				criteria.add("medianBmi");
				values.put("medianBmiPercent", percent.toPlainString());
				evidence.add("% median BMI " + percent.toPlainString() + " on " + day(m, zone) + " (at most "
						+ this.t.edMedianBmiPercentAtMost() + ")");
				since.add(m.occurredAt());
			}
		});
		latest(recent, VitalsMark::heartRatePerMin).ifPresent((m) -> {
			boolean night = m.timeOfDay() == TimeOfDay.NIGHT;
			int below = night ? this.t.edHeartRateNightBelow() : this.t.edHeartRateDayBelow();
			if (m.heartRatePerMin() < below) {
				criteria.add("heartRate");
				values.put("heartRatePerMin", m.heartRatePerMin().toString());
				values.put("timeOfDay", night ? "NIGHT" : "DAY");
				evidence.add("heart rate " + m.heartRatePerMin() + "/min " + (night ? "at night" : "by day") + " on "
						+ day(m, zone) + " (under " + below + ")");
				since.add(m.occurredAt());
			}
		});
		Optional<VitalsMark> systolic = latest(recent, VitalsMark::systolicMmHg)
			.filter((m) -> m.systolicMmHg() < this.t.edSystolicBelow());
		Optional<VitalsMark> diastolic = latest(recent, VitalsMark::diastolicMmHg)
			.filter((m) -> m.diastolicMmHg() < this.t.edDiastolicBelow());
		if (systolic.isPresent() || diastolic.isPresent()) {
			criteria.add("bloodPressure");
			systolic.ifPresent((m) -> values.put("systolicMmHg", m.systolicMmHg().toString()));
			diastolic.ifPresent((m) -> values.put("diastolicMmHg", m.diastolicMmHg().toString()));
			VitalsMark m = systolic.orElseGet(diastolic::get);
			String reading = (m.systolicMmHg() != null && m.diastolicMmHg() != null)
					? m.systolicMmHg() + "/" + m.diastolicMmHg()
					: (m.systolicMmHg() != null) ? "systolic " + m.systolicMmHg() : "diastolic " + m.diastolicMmHg();
			evidence.add("blood pressure " + reading + " mmHg on " + day(m, zone) + " (under "
					+ this.t.edSystolicBelow() + "/" + this.t.edDiastolicBelow() + ")");
			systolic.ifPresent((s) -> since.add(s.occurredAt()));
			diastolic.ifPresent((d) -> since.add(d.occurredAt()));
		}
		BigDecimal temperatureBelow = BigDecimal.valueOf(this.t.edTemperatureBelowTenthsC()).multiply(TENTH);
		latest(recent, VitalsMark::temperatureC).ifPresent((m) -> {
			if (m.temperatureC().compareTo(temperatureBelow) < 0) {
				criteria.add("temperature");
				values.put("temperatureC", m.temperatureC().toPlainString());
				evidence.add("temperature " + m.temperatureC().toPlainString() + " C on " + day(m, zone) + " (under "
						+ temperatureBelow.stripTrailingZeros().toPlainString() + ")");
				since.add(m.occurredAt());
			}
		});
		latest(recent, (m) -> pair(m, Orthostatic::lyingHeartRatePerMin, Orthostatic::standingHeartRatePerMin))
			.ifPresent((m) -> {
				int rise = m.orthostatic().standingHeartRatePerMin() - m.orthostatic().lyingHeartRatePerMin();
				boolean young = (m.ageMonths() != null) ? m.ageMonths() < ADULT_FROM_MONTHS : this.adolescent;
				int above = young ? this.t.edOrthostaticPulseRiseAdolescentAbove()
						: this.t.edOrthostaticPulseRiseAdultAbove();
				if (rise > above) {
					criteria.add("orthostaticPulse");
					values.put("orthostaticPulseRise", Integer.toString(rise));
					evidence.add("pulse up " + rise + "/min on standing on " + day(m, zone) + " (over " + above
							+ (young ? " for an adolescent" : "") + ")");
					since.add(m.occurredAt());
				}
			});
		latest(recent, (m) -> pair(m, Orthostatic::lyingSystolicMmHg, Orthostatic::standingSystolicMmHg))
			.ifPresent((m) -> {
				int drop = m.orthostatic().lyingSystolicMmHg() - m.orthostatic().standingSystolicMmHg();
				if (drop > this.t.edOrthostaticSystolicDropAbove()) {
					criteria.add("orthostaticSystolic");
					values.put("orthostaticSystolicDrop", Integer.toString(drop));
					evidence.add("systolic down " + drop + " mmHg on standing on " + day(m, zone) + " (over "
							+ this.t.edOrthostaticSystolicDropAbove() + ")");
					since.add(m.occurredAt());
				}
			});
		latest(recent, (m) -> pair(m, Orthostatic::lyingDiastolicMmHg, Orthostatic::standingDiastolicMmHg))
			.ifPresent((m) -> {
				int drop = m.orthostatic().lyingDiastolicMmHg() - m.orthostatic().standingDiastolicMmHg();
				if (drop > this.t.edOrthostaticDiastolicDropAbove()) {
					criteria.add("orthostaticDiastolic");
					values.put("orthostaticDiastolicDrop", Integer.toString(drop));
					evidence.add("diastolic down " + drop + " mmHg on standing on " + day(m, zone) + " (over "
							+ this.t.edOrthostaticDiastolicDropAbove() + ")");
					since.add(m.occurredAt());
				}
			});
		if (criteria.isEmpty()) {
			return Optional.empty();
		}
		values.put("criteria", String.join(",", criteria));
		Instant first = since.stream().min(Comparator.naturalOrder()).orElseThrow();
		return Optional.of(new SignalFired("S14", "MEDICAL_INSTABILITY", Severity.CRITICAL, String.join("; ", evidence),
				Map.copyOf(values), first.truncatedTo(ChronoUnit.MILLIS)));
	}

	/**
	 * The latest measurement (they are in time order) for which {@code value} is known.
	 */
	private static Optional<VitalsMark> latest(List<VitalsMark> inTimeOrder, Function<VitalsMark, ?> value) {
		for (int i = inTimeOrder.size() - 1; i >= 0; i--) {
			if (value.apply(inTimeOrder.get(i)) != null) {
				return Optional.of(inTimeOrder.get(i));
			}
		}
		return Optional.empty();
	}

	/** Non-null when the measurement has both readings of an orthostatic pair. */
	private static @Nullable Boolean pair(VitalsMark m, Function<Orthostatic, Integer> lying,
			Function<Orthostatic, Integer> standing) {
		Orthostatic o = m.orthostatic();
		return (o != null && lying.apply(o) != null && standing.apply(o) != null) ? Boolean.TRUE : null;
	}

	private static LocalDate day(VitalsMark m, ZoneId zone) {
		return LocalDate.ofInstant(m.occurredAt(), zone);
	}

}
