package org.stepwise.simulator.programs;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgramMixTest {

	static final Instant NOW = Instant.parse("2026-12-07T17:30:00Z");

	final List<ProgramMix.Scheduled> scheduled = ProgramMix.calls(2026, NOW);

	final List<ApiCall> calls = this.scheduled.stream().map(ProgramMix.Scheduled::call).toList();

	@Test
	void theSameSeedAndDayMakeTheSameRequestsEachUnderItsOwnKey() {
		assertThat(ProgramMix.calls(2026, NOW)).isEqualTo(this.scheduled);
		List<String> keys = this.calls.stream().map(ApiCall::idempotencyKey).filter((k) -> k != null).toList();
		assertThat(keys).doesNotHaveDuplicates().allSatisfy((key) -> assertThat(key).hasSizeLessThanOrEqualTo(100));
	}

	@Test
	void everyProgramTypeAndAftercareHasEnoughPatientsToPassTheDashboardsSuppression() {
		Map<String, Long> enrolled = count(path("/api/v1/plans"), "programId");
		assertThat(enrolled).containsEntry("program-b", 12L).containsEntry("program-c", 12L);
		assertThat(this.calls.stream().filter(path("/plan/discharge"))).hasSize(12);
		assertThat(this.calls.stream().filter((c) -> c.path().startsWith("/api/v1/programs/")))
			.extracting(ApiCall::method, (c) -> c.body().get("types"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PUT", List.of("DUAL_DIAGNOSIS", "ADOLESCENT")),
					org.assertj.core.groups.Tuple.tuple("POST", List.of("EATING_DISORDER", "ADOLESCENT")));
	}

	@Test
	void attendanceIsRecordedOnlyForASessionScheduledBeforeIt() {
		Set<String> answered = new HashSet<>();
		for (ApiCall call : this.calls) {
			if (call.path().contains("{")) {
				assertThat(call.pathWith(Map.of())).isEmpty();
				String name = call.path().substring(call.path().indexOf('{') + 1, call.path().indexOf('}'));
				assertThat(answered).contains(name);
				assertThat(call.pathWith(Map.of(name, "s-1"))).contains("/api/v1/sessions/s-1/attendance");
			}
			if (call.answersId() != null) {
				answered.add(call.answersId());
			}
		}
		assertThat(answered).hasSizeGreaterThan(2 * 12 * 4);
	}

	@Test
	void anAdolescentWhoComesToEverySessionHasSevenHoursAWeekAboveTheBandsSix() {
		// the scheduled minutes of one patient over the four weeks: 12 groups of 2 h and
		// 4 family sessions of 1 h
		long minutes = this.calls.stream()
			.filter(path("/api/v1/sessions"))
			.filter((c) -> ((Collection<?>) c.body().get("roster")).contains("demo-b-7"))
			.mapToLong((c) -> java.time.Duration
				.between(Instant.parse((String) c.body().get("startsAt")),
						Instant.parse((String) c.body().get("endsAt")))
				.toMinutes())
			.sum();
		assertThat(minutes).isEqualTo(4 * 7 * 60);
	}

	@Test
	void theDesignatedCoursesAreThereAndNobodyElseCrossesAThreshold() {
		// only the two designated patients report use
		assertThat(this.calls.stream()
			.filter(path("/api/v1/check-ins"))
			.filter((c) -> Boolean.TRUE.equals(c.body().get("usedSinceLastCheckIn")))
			.map((c) -> c.body().get("patientId")))
			.containsExactlyInAnyOrder(ProgramMix.B_USE, ProgramMix.AFTERCARE_USE);
		// PHQ-9 item 9 is always 0: no safety alert in the demo
		assertThat(this.calls.stream().filter(instrument("PHQ9")))
			.allSatisfy((c) -> assertThat(((Map<?, ?>) c.body().get("items")).get("9")).isEqualTo(0));
		// the last two family sessions of one patient are missed, no other
		List<String> missedFamily = this.calls.stream()
			.filter((c) -> c.path().contains("-family-"))
			.flatMap((c) -> ((List<?>) c.body().get("records")).stream())
			.map((r) -> (Map<?, ?>) r)
			.filter((r) -> r.get("status").equals("NO_SHOW"))
			.map((r) -> (String) r.get("patientId"))
			.toList();
		assertThat(missedFamily).containsExactly(ProgramMix.B_FAMILY_MISSES, ProgramMix.B_FAMILY_MISSES);
		// heart rate by day under 50 once, in the latest vitals of one patient; every
		// other vital inside the medical-instability thresholds
		List<ApiCall> vitals = this.calls.stream().filter(path("/api/v1/vitals")).toList();
		assertThat(vitals).hasSize(12 * 4);
		assertThat(vitals).filteredOn((c) -> (int) c.body().get("heartRatePerMin") < 50)
			.singleElement()
			.satisfies((c) -> assertThat(c.body().get("patientId")).isEqualTo(ProgramMix.C_HEART_RATE_48));
		assertThat(vitals).allSatisfy((c) -> {
			assertThat((int) c.body().get("systolicMmHg")).isGreaterThanOrEqualTo(90);
			assertThat((int) c.body().get("diastolicMmHg")).isGreaterThanOrEqualTo(45);
			assertThat((double) c.body().get("temperatureC")).isGreaterThanOrEqualTo(35.6);
		});
		// weight: one patient loses 1.2 kg a week for two weeks, the others gain
		for (int patient = 1; patient <= 12; patient++) {
			String id = "demo-c-" + patient;
			List<Double> weights = vitals.stream()
				.filter((c) -> c.body().get("patientId").equals(id))
				.sorted(Comparator.comparing((ApiCall c) -> (String) c.body().get("measuredAt")))
				.map((c) -> (double) c.body().get("weightKg"))
				.toList();
			double bmi = weights.getLast() / Math.pow((int) vitals.stream()
				.filter((c) -> c.body().get("patientId").equals(id))
				.findFirst()
				.orElseThrow()
				.body()
				.get("heightCm") / 100.0, 2);
			assertThat(bmi).as("BMI of %s, far above 75 %% of the median of 13-17 year olds", id).isGreaterThan(15.5);
			if (id.equals(ProgramMix.C_WEIGHT_LOSS)) {
				assertThat(weights.get(2) - weights.get(1)).isCloseTo(-1.2, org.assertj.core.data.Offset.offset(0.11));
				assertThat(weights.get(3) - weights.get(2)).isCloseTo(-1.2, org.assertj.core.data.Offset.offset(0.11));
			}
			else {
				assertThat(weights.getLast()).isGreaterThan(weights.getFirst());
			}
		}
		// the EDE-QS of one patient rises by 10 over four weeks
		assertThat(this.calls.stream()
			.filter(instrument("EDEQS"))
			.filter((c) -> c.body().get("patientId").equals(ProgramMix.C_EDEQS_RISING))
			.map((c) -> ((Map<?, ?>) c.body().get("items")).values().stream().mapToInt((v) -> (int) v).sum()))
			.containsExactly(14, 15, 20, 24);
	}

	@Test
	void theEarlyWarningPatientsCravingRisesAndConfidenceFallsWithoutUse() {
		List<Map<String, Object>> checkIns = this.calls.stream()
			.filter(path("/api/v1/check-ins"))
			.filter((c) -> c.body().get("patientId").equals(ProgramMix.B_EARLY_WARNING))
			.map(ApiCall::body)
			.toList();
		assertThat(checkIns.getFirst().get("craving")).isEqualTo(2);
		assertThat(checkIns.getLast().get("craving")).isEqualTo(7);
		assertThat(checkIns.getLast().get("confidence")).isEqualTo(3);
		assertThat(checkIns).allSatisfy((c) -> assertThat(c.get("usedSinceLastCheckIn")).isEqualTo(false));
	}

	@Test
	void eachPatientsFactsComeInClinicalOrderAndTheWeighingsAWeekApart() {
		assertThat(this.scheduled).extracting(ProgramMix.Scheduled::at).isSorted();
		assertThat(this.scheduled).filteredOn((s) -> s.call().path().endsWith("/attendance"))
			.allSatisfy((s) -> assertThat(s.at()).isBefore(NOW));
		// the patient's last call before a discharge is a check-in on its day:
		// plan-service on event time discharges on a day its clock has reached
		Map<String, ApiCall> lastOfPatient = new java.util.HashMap<>();
		for (ProgramMix.Scheduled step : this.scheduled) {
			ApiCall call = step.call();
			if (call.path().endsWith("/plan/discharge")) {
				String patient = call.path().split("/")[4];
				ApiCall before = lastOfPatient.get(patient);
				assertThat(before.path()).isEqualTo("/api/v1/check-ins");
				assertThat(Instant.parse((String) before.body().get("occurredAt"))
					.atZone(java.time.ZoneId.of("America/Chicago"))
					.toLocalDate()).hasToString((String) call.body().get("dischargedOn"));
			}
			Object patient = call.body().get("patientId");
			if (patient != null) {
				lastOfPatient.put((String) patient, call);
			}
		}
		// plan-service on event time reads a patient's facts as they arrive: a later day
		// first would make the days before it look silent
		Map<Object, Instant> latest = new java.util.HashMap<>();
		for (ApiCall call : this.calls) {
			Object at = call.body().getOrDefault("occurredAt", call.body().get("measuredAt"));
			Object patient = call.body().get("patientId");
			if (at != null && patient != null) {
				Instant when = Instant.parse((String) at);
				assertThat(when).as("a fact of %s", patient)
					.isAfterOrEqualTo(latest.getOrDefault(patient, Instant.MIN));
				latest.put(patient, when);
			}
		}
		List<Instant> weighings = this.calls.stream()
			.filter(path("/api/v1/vitals"))
			.filter((c) -> c.body().get("patientId").equals(ProgramMix.C_WEIGHT_LOSS))
			.map((c) -> Instant.parse((String) c.body().get("measuredAt")))
			.toList();
		for (int i = 1; i < weighings.size(); i++) {
			assertThat(java.time.Duration.between(weighings.get(i - 1), weighings.get(i)).toDays()).isEqualTo(7);
		}
		assertThat(weighings.getLast()).isBetween(NOW.minus(java.time.Duration.ofDays(2)), NOW);
	}

	private Map<String, Long> count(Predicate<ApiCall> which, String field) {
		return this.calls.stream()
			.filter(which)
			.collect(java.util.stream.Collectors.groupingBy((c) -> (String) c.body().get(field),
					java.util.stream.Collectors.counting()));
	}

	private static Predicate<ApiCall> path(String suffix) {
		return (call) -> call.path().endsWith(suffix);
	}

	private static Predicate<ApiCall> instrument(String name) {
		return (call) -> call.path().equals("/api/v1/assessments") && name.equals(call.body().get("instrument"));
	}

}
