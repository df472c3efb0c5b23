package org.stepwise.simulator.cohort;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;
import org.stepwise.contracts.checkin.HighRiskCategory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LapseProcessTest {

	private static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 7);

	private static final CohortSpec SPEC = CohortSpec.of(17, 1000, 12, FIRST_DAY);

	private static final long GENERATION_NANOS;

	private static final Cohort COHORT;

	static {
		long start = System.nanoTime();
		COHORT = CohortGenerator.generate(SPEC);
		GENERATION_NANOS = System.nanoTime() - start;
	}

	@Test
	void aThousandPatientsOverTwelveWeeksGenerateWellUnderTenSeconds() {
		assertThat(GENERATION_NANOS / 1e9).isLessThan(10.0);
	}

	@Test
	void theSameSeedGivesTheSameCourse() {
		LapseProcess process = new LapseProcess(LapseParameters.DEFAULTS);
		PatientProfile p = COHORT.patients().get(3).profile();
		LapseProcess.Course once = process.run(p, 84, new SplittableRandom(99));
		LapseProcess.Course again = process.run(p, 84, new SplittableRandom(99));
		assertThat(again.useDays()).isEqualTo(once.useDays());
		assertThat(again.onsets()).isEqualTo(once.onsets());
		assertThat(again.decoys()).isEqualTo(once.decoys());
		for (int r = 0; r < 84; r++) {
			assertThat(again.risk(r)).isEqualTo(once.risk(r));
		}
		CohortGenerator generator = new CohortGenerator(SPEC);
		PatientProfile tenth = generator.profiles().get(9);
		assertThat(generator.history(tenth)).isEqualTo(COHORT.patients().get(9));
	}

	@Test
	void atLeastAQuarterOfLapsesHaveNoPrecursorAndDecoysAndRelapsesOccur() {
		List<GroundTruth.LapseOnset> onsets = COHORT.truth().stream().flatMap((t) -> t.lapseOnsets().stream()).toList();
		long sudden = onsets.stream().filter((o) -> !o.hadPrecursor()).count();
		long decoys = COHORT.truth().stream().mapToLong((t) -> t.decoys().size()).sum();
		long relapses = onsets.stream().filter(GroundTruth.LapseOnset::continuedIntoRelapse).count();
		assertThat(onsets).hasSizeGreaterThan(500);
		assertThat((double) sudden / onsets.size()).isGreaterThanOrEqualTo(0.25);
		assertThat(decoys).isGreaterThan(100);
		assertThat(relapses).isGreaterThan(100).isLessThan(onsets.size() / 2);
		assertThat(onsets).filteredOn(GroundTruth.LapseOnset::hadPrecursor).allSatisfy((o) -> {
			long days = ChronoUnit.DAYS.between(o.precursorStart(), o.day());
			assertThat(days).isBetween(1L, 14L);
		});
		assertThat(onsets).filteredOn((o) -> !o.hadPrecursor())
			.allSatisfy((o) -> assertThat(o.precursorStart()).isNull());
		assertThat(COHORT.truth()).allSatisfy((t) -> assertThat(t.decoys()).allSatisfy(
				(d) -> assertThat(t.useDays()).noneMatch((u) -> !u.isBefore(d.first()) && !u.isAfter(d.last()))));
	}

	@Test
	void beforePrecursorLapsesCravingIsAboveAndConfidenceBelowThePatientsFirstTwoWeeks() {
		List<Double> cravingRise = new ArrayList<>();
		List<Double> confidenceFall = new ArrayList<>();
		for (PatientHistory p : COHORT.patients()) {
			int enrol = p.profile().enrolDay();
			List<Observations.CheckIn> first = p.checkIns().stream().filter((c) -> c.dayIndex() < enrol + 14).toList();
			for (GroundTruth.LapseOnset o : p.truth().lapseOnsets()) {
				int onset = enrol + (int) ChronoUnit.DAYS.between(p.truth().enrolled(), o.day());
				if (!o.hadPrecursor() || onset - enrol < 28 || first.size() < 7) {
					continue;
				}
				int from = enrol + (int) ChronoUnit.DAYS.between(p.truth().enrolled(), o.precursorStart());
				List<Observations.CheckIn> before = p.checkIns()
					.stream()
					.filter((c) -> c.dayIndex() >= from && c.dayIndex() < onset)
					.toList();
				if (before.isEmpty()) {
					continue;
				}
				cravingRise
					.add(mean(before, Observations.CheckIn::craving) - median(first, Observations.CheckIn::craving));
				confidenceFall.add(median(first, Observations.CheckIn::confidence)
						- mean(before, Observations.CheckIn::confidence));
			}
		}
		assertThat(cravingRise).hasSizeGreaterThan(150);
		assertThat(average(cravingRise)).isGreaterThan(1.0);
		assertThat(average(confidenceFall)).isGreaterThan(1.0);
		assertThat(cravingRise.stream().filter((d) -> d > 0).count()).isGreaterThan(cravingRise.size() * 7L / 10);
		assertThat(confidenceFall.stream().filter((d) -> d > 0).count()).isGreaterThan(confidenceFall.size() * 7L / 10);
	}

	@Test
	void highRiskSituationsAndMissedCheckInsComeWithPrecursors() {
		int[] inPrecursor = new int[2];
		int[] outside = new int[2];
		int precursorDays = 0;
		int precursorCheckIns = 0;
		int otherDays = 0;
		int otherCheckIns = 0;
		for (PatientHistory p : COHORT.patients()) {
			GroundTruth t = p.truth();
			List<int[]> windows = t.lapseOnsets()
				.stream()
				.filter(GroundTruth.LapseOnset::hadPrecursor)
				.map((o) -> new int[] { (int) ChronoUnit.DAYS.between(t.enrolled(), o.precursorStart()),
						(int) ChronoUnit.DAYS.between(t.enrolled(), o.day()) })
				.toList();
			int enrol = p.profile().enrolDay();
			boolean[] checkedIn = new boolean[t.observedDays()];
			for (Observations.CheckIn c : p.checkIns()) {
				checkedIn[c.dayIndex() - enrol] = true;
				boolean precursor = windows.stream()
					.anyMatch((w) -> c.dayIndex() - enrol >= w[0] && c.dayIndex() - enrol < w[1]);
				int[] counts = precursor ? inPrecursor : outside;
				counts[0]++;
				counts[1] += c.highRiskSituation() ? 1 : 0;
			}
			int lastActive = p.checkIns().isEmpty() ? 0 : p.checkIns().getLast().dayIndex() - enrol;
			for (int r = 0; r <= lastActive; r++) {
				int day = r;
				if (windows.stream().anyMatch((w) -> day >= w[0] && day < w[1])) {
					precursorDays++;
					precursorCheckIns += checkedIn[r] ? 1 : 0;
				}
				else {
					otherDays++;
					otherCheckIns += checkedIn[r] ? 1 : 0;
				}
			}
		}
		double inRate = (double) inPrecursor[1] / inPrecursor[0];
		double outRate = (double) outside[1] / outside[0];
		assertThat(inRate).isGreaterThan(outRate * 2.5);
		assertThat((double) precursorCheckIns / precursorDays).isLessThan((double) otherCheckIns / otherDays - 0.05);
	}

	@Test
	void newCheckInFieldsStayInRange() {
		List<Observations.CheckIn> checkIns = COHORT.patients().stream().flatMap((p) -> p.checkIns().stream()).toList();
		List<String> categories = Arrays.stream(HighRiskCategory.values()).map(Enum::name).toList();
		assertThat(checkIns).allSatisfy((c) -> {
			assertThat(c.confidence()).isBetween(0, 10);
			assertThat(c.highRiskCategory() != null).isEqualTo(c.highRiskSituation());
			if (c.highRiskCategory() != null) {
				assertThat(c.highRiskCategory()).isIn(categories);
			}
		});
		assertThat(checkIns.stream().map(Observations.CheckIn::highRiskCategory).distinct()).containsAll(categories);
		assertThat(checkIns.stream().mapToInt(Observations.CheckIn::confidence).distinct().count()).isGreaterThan(8);
	}

	@Test
	void subgroupsFollowTheirSharesAndMentalHealthPatientsRarelyUse() {
		List<PatientProfile> profiles = COHORT.patients().stream().map(PatientHistory::profile).toList();
		LapseParameters lp = LapseParameters.DEFAULTS;
		assertThat(share(profiles, (p) -> p.ageGroup() == PatientProfile.AgeGroup.ADOLESCENT))
			.isCloseTo(lp.adolescentShare(), within(0.025));
		assertThat(share(profiles, (p) -> p.sex() == PatientProfile.Sex.FEMALE)).isCloseTo(lp.femaleShare(),
				within(0.05));
		assertThat(share(profiles, (p) -> p.programType() == PatientProfile.ProgramType.MENTAL_HEALTH))
			.isCloseTo(lp.mentalHealthShare(), within(0.04));
		assertThat(share(profiles, (p) -> p.programType() == PatientProfile.ProgramType.DUAL_DIAGNOSIS))
			.isCloseTo(lp.dualDiagnosisShare(), within(0.05));
		assertThat(onsetsPerPatient(PatientProfile.ProgramType.MENTAL_HEALTH))
			.isLessThan(onsetsPerPatient(PatientProfile.ProgramType.ADDICTION) / 4);
		assertThat(onsetsPerPatient(PatientProfile.ProgramType.ADDICTION))
			.isLessThan(onsetsPerPatient(PatientProfile.ProgramType.DUAL_DIAGNOSIS));
	}

	@Test
	void weeksWithUseAreAboutAFifthForSubstanceUsePatients() {
		int weeks = 0;
		int weeksWithUse = 0;
		for (PatientHistory p : COHORT.patients()) {
			if (p.profile().programType() == PatientProfile.ProgramType.MENTAL_HEALTH) {
				continue;
			}
			GroundTruth t = p.truth();
			for (int w = 0; (w + 1) * 7 <= t.observedDays(); w++) {
				LocalDate from = t.enrolled().plusDays(w * 7L);
				weeks++;
				weeksWithUse += t.useDays().stream().anyMatch((d) -> !d.isBefore(from) && d.isBefore(from.plusDays(7)))
						? 1 : 0;
			}
		}
		assertThat((double) weeksWithUse / weeks).isBetween(0.10, 0.35);
	}

	private double onsetsPerPatient(PatientProfile.ProgramType type) {
		return COHORT.patients()
			.stream()
			.filter((p) -> p.profile().programType() == type)
			.mapToInt((p) -> p.truth().lapseOnsets().size())
			.average()
			.orElseThrow();
	}

	private static double share(List<PatientProfile> profiles, java.util.function.Predicate<PatientProfile> test) {
		return (double) profiles.stream().filter(test).count() / profiles.size();
	}

	private static double mean(List<Observations.CheckIn> checkIns, ToIntFunction<Observations.CheckIn> value) {
		return checkIns.stream().mapToInt(value).average().orElseThrow();
	}

	private static double median(List<Observations.CheckIn> checkIns, ToIntFunction<Observations.CheckIn> value) {
		int[] sorted = checkIns.stream().mapToInt(value).sorted().toArray();
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
	}

	private static double average(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
	}

}
