package org.stepwise.simulator.cohort;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.attendance.AttendanceStatus;

import static org.assertj.core.api.Assertions.assertThat;

class CohortGeneratorTest {

	private static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 7);

	private static final Cohort COHORT = CohortGenerator.generate(CohortSpec.of(42, 60, 12, FIRST_DAY));

	@Test
	void sameSeedGivesTheSameCohortAndAnotherSeedAnother() {
		Cohort again = CohortGenerator.generate(CohortSpec.of(42, 60, 12, FIRST_DAY));
		Cohort other = CohortGenerator.generate(CohortSpec.of(43, 60, 12, FIRST_DAY));
		assertThat(again).isEqualTo(COHORT);
		assertThat(again.toString()).isEqualTo(COHORT.toString());
		assertThat(other.patients()).isNotEqualTo(COHORT.patients());
		assertThat(other.truth()).isNotEqualTo(COHORT.truth());
	}

	@Test
	void aPatientsHistoryDoesNotDependOnTheCohortSize() {
		CohortGenerator small = new CohortGenerator(CohortSpec.of(42, 60, 12, FIRST_DAY));
		PatientProfile first = small.profiles().getFirst();
		assertThat(small.history(first)).isEqualTo(COHORT.patients().getFirst());
	}

	@Test
	void everyArchetypeIsRepresentedAndEnrolmentIsSpreadOverTheFirstWeeks() {
		Map<Archetype, Long> counts = COHORT.patients()
			.stream()
			.collect(Collectors.groupingBy((p) -> p.profile().archetype(), Collectors.counting()));
		assertThat(counts.keySet()).containsExactlyInAnyOrder(Archetype.values());
		assertThat(counts.get(Archetype.RESPONDER)).isEqualTo(18);
		assertThat(COHORT.patients()).allSatisfy((p) -> assertThat(p.profile().enrolDay()).isBetween(0, 27));
		assertThat(COHORT.patients().stream().map((p) -> p.profile().enrolDay()).distinct().count()).isGreaterThan(10);
	}

	@Test
	void respondersPhq9FallsByHalfByWeek8() {
		for (PatientHistory p : of(Archetype.RESPONDER)) {
			List<Observations.Assessment> phq = instrument(p, Instrument.PHQ9);
			int baseline = phq.getFirst().total();
			int week8 = phq.get(8).total();
			assertThat(week8).as(p.patientId()).isLessThanOrEqualTo(baseline / 2);
		}
	}

	@Test
	void everyUseDayComesFromTheLapseProcessAndRespondersUseLeast() {
		// Every patient can lapse (issue 17); responders least, non-responders and
		// dropouts most.
		Cohort large = CohortGenerator.generate(CohortSpec.of(42, 600, 12, FIRST_DAY));
		for (PatientHistory p : large.patients()) {
			GroundTruth t = p.truth();
			assertThat(t.lapseOnsets()).allSatisfy((o) -> assertThat(t.useDays()).contains(o.day()));
			if (!t.useDays().isEmpty()) {
				assertThat(t.lapseOnsets()).isNotEmpty();
				assertThat(t.lapseOnsets().getFirst().day()).isEqualTo(t.useDays().getFirst());
			}
		}
		assertThat(meanOnsets(large, Archetype.RESPONDER)).isGreaterThan(0)
			.isLessThan(meanOnsets(large, Archetype.SLOW_RESPONDER))
			.isLessThan(meanOnsets(large, Archetype.NON_RESPONDER));
	}

	private static double meanOnsets(Cohort cohort, Archetype archetype) {
		return cohort.patients()
			.stream()
			.filter((p) -> p.profile().archetype() == archetype)
			.mapToInt((p) -> p.truth().lapseOnsets().size())
			.average()
			.orElseThrow();
	}

	@Test
	void slowRespondersHaveNotRespondedByWeek8ButImprove() {
		double baselines = 0;
		double lasts = 0;
		for (PatientHistory p : of(Archetype.SLOW_RESPONDER)) {
			List<Observations.Assessment> phq = instrument(p, Instrument.PHQ9);
			int baseline = phq.getFirst().total();
			assertThat(phq.get(8).total()).as(p.patientId()).isGreaterThan(baseline / 2);
			baselines += baseline;
			lasts += phq.getLast().total();
		}
		assertThat(lasts).isLessThan(baselines * 0.8);
	}

	@Test
	void nonRespondersStayNearTheirBaseline() {
		for (PatientHistory p : of(Archetype.NON_RESPONDER)) {
			List<Observations.Assessment> phq = instrument(p, Instrument.PHQ9);
			assertThat(phq).allSatisfy((a) -> assertThat(a.total()).isGreaterThanOrEqualTo(phq.getFirst().total() - 4));
			assertThat(p.truth().stepDownReadyDay()).isNull();
		}
	}

	@Test
	void dropoutsStopAttendingAndCheckingInAfterTheirDropoutDay() {
		for (PatientHistory p : of(Archetype.DROPOUT)) {
			int dropout = p.profile().enrolDay() + p.profile().dropoutDay();
			assertThat(p.truth().dropoutDay()).isEqualTo(FIRST_DAY.plusDays(dropout));
			assertThat(p.attendance()).filteredOn((a) -> a.dayIndex() > dropout)
				.isNotEmpty()
				.allSatisfy((a) -> assertThat(a.status()).isEqualTo(AttendanceStatus.NO_SHOW));
			assertThat(p.checkIns()).allSatisfy((c) -> assertThat(c.dayIndex()).isLessThanOrEqualTo(dropout));
			assertThat(p.assessments()).allSatisfy((a) -> assertThat(a.dayIndex()).isLessThanOrEqualTo(dropout));
			// Discharged two weeks after dropping out: off the rosters.
			assertThat(COHORT.sessions()).filteredOn((s) -> s.dayIndex() > dropout + 14)
				.allSatisfy((s) -> assertThat(s.roster()).doesNotContain(p.patientId()));
		}
	}

	@Test
	void relapsesAreRepeatedUsePrecededByRisingCraving() {
		for (PatientHistory p : of(Archetype.RELAPSE)) {
			// The archetype's relapse (an earlier one may come from the lapse process).
			LocalDate relapse = p.truth().enrolled().plusDays(p.profile().relapseDay());
			assertThat(p.truth().relapseDay()).isNotNull().isBeforeOrEqualTo(relapse);
			assertThat(p.truth().lapseOnsets()).filteredOn((o) -> o.day().equals(relapse))
				.singleElement()
				.satisfies((o) -> assertThat(o.continuedIntoRelapse() && o.hadPrecursor()).isTrue());
			assertThat(p.truth().useDays()).contains(relapse);
			assertThat(p.truth()
				.useDays()
				.stream()
				.filter((d) -> !d.isBefore(relapse) && d.isBefore(relapse.plusDays(14))))
				.hasSizeGreaterThanOrEqualTo(2);
			assertThat(p.truth().lapseDays()).allSatisfy((d) -> assertThat(d).isBefore(relapse));
			int relapseIndex = p.profile().enrolDay() + p.profile().relapseDay();
			double before = averageCraving(p, relapseIndex - 6, relapseIndex);
			double early = averageCraving(p, p.profile().enrolDay() + 7, relapseIndex - 11);
			assertThat(before).as(p.patientId()).isGreaterThanOrEqualTo(early + 2);
			assertThat(p.truth().stepDownReadyDay() == null || p.truth().stepDownReadyDay().isBefore(relapse)).isTrue();
		}
	}

	@Test
	void lapsesAreOneDayOfUseThatScreensPositive() {
		for (PatientHistory p : of(Archetype.LAPSE_THEN_RECOVERY)) {
			// The archetype's lapse: one day of use after a precursor, with no other use
			// from
			// three weeks before to a week after it (other lapses may come outside that).
			LocalDate lapseDate = p.truth().enrolled().plusDays(p.profile().lapseDay());
			assertThat(p.truth().useDays())
				.filteredOn((d) -> d.isAfter(lapseDate.minusDays(21)) && d.isBefore(lapseDate.plusDays(8)))
				.containsExactly(lapseDate);
			assertThat(p.truth().lapseDays()).contains(lapseDate);
			assertThat(p.truth().lapseOnsets()).filteredOn((o) -> o.day().equals(lapseDate))
				.singleElement()
				.satisfies((o) -> {
					assertThat(o.hadPrecursor()).isTrue();
					assertThat(o.precursorStart()).isEqualTo(lapseDate.minusDays(5));
					assertThat(o.continuedIntoRelapse()).isFalse();
				});
			int lapse = p.profile().enrolDay() + p.profile().lapseDay();
			boolean reported = p.checkIns().stream().anyMatch((c) -> c.usedSinceLastCheckIn() && c.dayIndex() >= lapse);
			boolean screened = p.assessments()
				.stream()
				.filter((a) -> a.instrument() == Instrument.UDS && a.dayIndex() >= lapse && a.dayIndex() <= lapse + 3)
				.anyMatch((a) -> a.analytes().stream().anyMatch(Observations.Analyte::countsAsUse));
			assertThat(reported || screened).as(p.patientId()).isTrue();
		}
	}

	@Test
	void safetyEventsAnswerPhq9Item9AtTwoOrMoreOnTheirDay() {
		for (PatientHistory p : of(Archetype.SAFETY_EVENT)) {
			List<Observations.Assessment> flagged = instrument(p, Instrument.PHQ9).stream()
				.filter((a) -> a.items().get("9") > 0)
				.toList();
			assertThat(flagged).hasSize(1);
			assertThat(flagged.getFirst().items().get("9")).isGreaterThanOrEqualTo(2);
			assertThat(p.truth().safetyEventAt()).isEqualTo(flagged.getFirst().occurredAt());
		}
		assertThat(COHORT.patients()).filteredOn((p) -> p.profile().archetype() != Archetype.SAFETY_EVENT)
			.allSatisfy((p) -> assertThat(p.truth().safetyEventAt()).isNull());
	}

	@Test
	void itemsScoreToTheIntendedTotalsWithinTheInstrumentsRanges() {
		for (PatientHistory p : COHORT.patients()) {
			for (Observations.Assessment a : p.assessments()) {
				switch (a.instrument()) {
					case PHQ9 -> {
						assertThat(a.items().keySet()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
						assertThat(a.items().values()).allSatisfy((v) -> assertThat(v).isBetween(0, 3));
						assertThat(a.total()).isEqualTo(a.intendedTotal());
					}
					case GAD7 -> {
						assertThat(a.items()).hasSize(7);
						assertThat(a.items().values()).allSatisfy((v) -> assertThat(v).isBetween(0, 3));
						assertThat(a.total()).isEqualTo(a.intendedTotal());
					}
					case BAM -> {
						assertThat(a.items().values()).allSatisfy((v) -> assertThat(v).isBetween(0, 4));
						boolean drugs = a.items().get("6") > 0;
						Set<String> expected = new java.util.HashSet<>();
						for (int i = 1; i <= 17; i++) {
							if (i != 7) {
								expected.add(Integer.toString(i));
							}
						}
						if (drugs) {
							expected.addAll(StepDownCriteria.Bam.DRUG_CLASSES);
						}
						assertThat(a.items().keySet()).isEqualTo(expected);
					}
					case UDS -> {
						assertThat(a.items()).isEmpty();
						assertThat(a.analytes()).isNotEmpty();
					}
					default -> throw new AssertionError("unexpected " + a.instrument());
				}
			}
		}
	}

	@Test
	void checkInsStayInTheirRangesAndNameSubstancesOnlyWithUse() {
		assertThat(COHORT.patients().stream().flatMap((p) -> p.checkIns().stream())).isNotEmpty().allSatisfy((c) -> {
			assertThat(c.mood()).isBetween(0, 10);
			assertThat(c.craving()).isBetween(0, 10);
			assertThat(c.stress()).isBetween(0, 10);
			assertThat(c.sleepHours().doubleValue()).isBetween(3.0, 10.0);
			assertThat(c.substances().isEmpty()).isEqualTo(!c.usedSinceLastCheckIn());
		});
	}

	@Test
	void sessionsFollowTheWeeklyScheduleAndRosters() {
		assertThat(COHORT.sessions()).allSatisfy((s) -> {
			assertThat(s.roster()).isNotEmpty().hasSizeLessThanOrEqualTo(12);
			switch (s.type()) {
				case GROUP -> {
					assertThat(s.day().getDayOfWeek().getValue()).isIn(1, 3, 4);
					assertThat(s.minutes()).isEqualTo(180);
					assertThat(s.startsAt().atZone(COHORT.spec().zone()).getHour()).isEqualTo(18);
				}
				case INDIVIDUAL -> assertThat(s.minutes()).isEqualTo(60);
				default -> throw new AssertionError(s.type());
			}
		});
		Map<String, ScheduledSession> byKey = COHORT.sessionsByKey();
		for (PatientHistory p : COHORT.patients()) {
			assertThat(p.attendance()).allSatisfy((a) -> {
				assertThat(byKey.get(a.sessionKey()).roster()).contains(p.patientId());
				assertThat(a.minutesAttended()).isBetween(0, byKey.get(a.sessionKey()).minutes());
			});
		}
		long rostered = COHORT.sessions().stream().mapToLong((s) -> s.roster().size()).sum();
		assertThat(COHORT.patients().stream().mapToLong((p) -> p.attendance().size()).sum()).isEqualTo(rostered);
	}

	@Test
	void mostRespondersBecomeReadyToStepDownAfterFourWeeksAndNoRelapseIsReadyAtItsRelapse() {
		List<PatientHistory> responders = of(Archetype.RESPONDER);
		long ready = responders.stream().filter((p) -> p.truth().stepDownReadyDay() != null).count();
		assertThat(ready).isGreaterThanOrEqualTo(responders.size() / 2);
		assertThat(COHORT.truth()).filteredOn((t) -> t.stepDownReadyDay() != null)
			.allSatisfy((t) -> assertThat(t.stepDownReadyDay()).isAfterOrEqualTo(t.enrolled().plusDays(28)))
			.allSatisfy((t) -> assertThat(t.useDays())
				.noneMatch((d) -> !d.isAfter(t.stepDownReadyDay()) && d.isAfter(t.stepDownReadyDay().minusDays(28))));
	}

	private static List<PatientHistory> of(Archetype archetype) {
		List<PatientHistory> patients = COHORT.patients()
			.stream()
			.filter((p) -> p.profile().archetype() == archetype)
			.toList();
		assertThat(patients).isNotEmpty();
		return patients;
	}

	private static List<Observations.Assessment> instrument(PatientHistory p, Instrument instrument) {
		return p.assessments().stream().filter((a) -> a.instrument() == instrument).toList();
	}

	private static double averageCraving(PatientHistory p, int fromDay, int toDay) {
		return p.checkIns()
			.stream()
			.filter((c) -> c.dayIndex() >= fromDay && c.dayIndex() <= toDay)
			.mapToInt(Observations.CheckIn::craving)
			.average()
			.orElseThrow();
	}

	@Test
	void programADemoCohortsAreLedByTheDemoClinicians() {
		assertThat(CohortSpec.of(42, 1, 2, FIRST_DAY).withProgram("program-a", java.time.ZoneId.of("UTC")).clinician(1))
			.isEqualTo("clinician-a1");
		assertThat(CohortSpec.of(42, 1, 2, FIRST_DAY).clinician(4)).isEqualTo("clinician-4");
	}

}
