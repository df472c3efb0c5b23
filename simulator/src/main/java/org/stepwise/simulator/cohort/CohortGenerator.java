package org.stepwise.simulator.cohort;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.stepwise.contracts.checkin.HighRiskCategory;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;

/**
 * Builds a synthetic IOP program from a seed. Pure: no I/O, no clock; the same spec gives
 * the same cohort. Every patient draws from their own random stream (seed and index), so
 * a patient's history does not depend on how many patients there are, and patients can be
 * generated one at a time ({@link #profiles()}, {@link #history(PatientProfile)}) for
 * large event streams.
 *
 * <p>
 * Each patient follows a latent trajectory (PHQ-9, craving, engagement) set by their
 * {@link Archetype}, with use, precursors of lapses and their signals from the daily
 * {@link LapseProcess} (its own random stream; parameters in {@link LapseParameters}).
 * The observations are drawn around it: attendance of every rostered session, a daily
 * check-in most days, PHQ-9, GAD-7 and BAM weekly from intake, a drug screen weekly from
 * day 2. Item-level responses score exactly to the intended totals.
 */
public final class CohortGenerator {

	static final List<String> PHQ9_ITEMS = numbered(9);

	static final List<String> GAD7_ITEMS = numbered(7);

	private static final List<Archetype> MIX = List.of(Archetype.RESPONDER, Archetype.RESPONDER, Archetype.RESPONDER,
			Archetype.SLOW_RESPONDER, Archetype.NON_RESPONDER, Archetype.LAPSE_THEN_RECOVERY, Archetype.RELAPSE,
			Archetype.DROPOUT, Archetype.SAFETY_EVENT, Archetype.SLOW_RESPONDER);

	/**
	 * How many days after dropping out a patient stays on the rosters (then discharged).
	 */
	public static final int DISCHARGE_AFTER_DROPOUT_DAYS = 14;

	private static final List<String> UDS_PANEL = List.of("cannabinoids", "opiates", "cocaine", "amphetamines",
			"benzodiazepines");

	private final CohortSpec spec;

	private final LapseParameters lapseParameters;

	private final LapseProcess lapseProcess;

	public CohortGenerator(CohortSpec spec) {
		this(spec, LapseParameters.DEFAULTS);
	}

	public CohortGenerator(CohortSpec spec, LapseParameters lapseParameters) {
		this.spec = spec;
		this.lapseParameters = lapseParameters;
		this.lapseProcess = new LapseProcess(lapseParameters);
	}

	public static Cohort generate(CohortSpec spec) {
		CohortGenerator generator = new CohortGenerator(spec);
		List<PatientProfile> profiles = generator.profiles();
		List<PatientHistory> histories = profiles.stream().map(generator::history).toList();
		return new Cohort(spec, generator.sessions(profiles), histories);
	}

	/**
	 * The patients: archetypes in fixed proportions (3/10 responders, 2/10 slow, 1/10
	 * each of the others), shuffled by the seed; enrolment spread over the first third of
	 * the program (at most four weeks), the first patient on day 0.
	 */
	public List<PatientProfile> profiles() {
		SplittableRandom random = new SplittableRandom(this.spec.seed());
		List<Archetype> archetypes = new ArrayList<>();
		for (int i = 0; i < this.spec.patients(); i++) {
			archetypes.add(MIX.get(i % MIX.size()));
		}
		for (int i = archetypes.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			archetypes.set(i, archetypes.set(j, archetypes.get(i)));
		}
		int enrolmentWindow = Math.max(1, Math.min(28, this.spec.days() / 3));
		int[] enrolDays = IntStream.range(0, this.spec.patients())
			.map((i) -> (i == 0) ? 0 : random.nextInt(enrolmentWindow))
			.sorted()
			.toArray();
		List<PatientProfile> profiles = new ArrayList<>();
		for (int i = 0; i < this.spec.patients(); i++) {
			profiles.add(profile(i, archetypes.get(i), enrolDays[i]));
		}
		return profiles;
	}

	private PatientProfile profile(int index, Archetype archetype, int enrolDay) {
		SplittableRandom random = patientRandom(index, 0);
		int observed = this.spec.days() - enrolDay;
		Substance substance = Substance.values()[random.nextInt(Substance.values().length)];
		boolean buprenorphine = substance == Substance.OPIOIDS && random.nextBoolean();
		int phq = 12 + random.nextInt(10);
		int gad = Math.min(21, (int) Math.round(phq * 0.75) + random.nextInt(3) - 1);
		double craving = 4 + random.nextDouble() * 3;
		int lapse = -1;
		int relapse = -1;
		int dropout = -1;
		int safety = -1;
		switch (archetype) {
			case LAPSE_THEN_RECOVERY -> lapse = between(random, 21, 42, observed - 14);
			case RELAPSE -> relapse = between(random, 28, 56, observed - 14);
			case DROPOUT -> dropout = between(random, 14, 42, observed - 7);
			case SAFETY_EVENT -> safety = 7 * between(random, 2, 6, (observed - 1) / 7);
			default -> {
			}
		}
		// Drawn after everything else, so the fields above stay what they were for a
		// seed.
		LapseParameters mix = this.lapseParameters;
		PatientProfile.AgeGroup age = (random.nextDouble() < mix.adolescentShare()) ? PatientProfile.AgeGroup.ADOLESCENT
				: PatientProfile.AgeGroup.ADULT;
		PatientProfile.ProgramType program = programType(archetype, random);
		PatientProfile.Sex sex = (random.nextDouble() < mix.femaleShare()) ? PatientProfile.Sex.FEMALE
				: PatientProfile.Sex.MALE;
		if (program == PatientProfile.ProgramType.MENTAL_HEALTH) {
			// No substance use disorder: little craving to begin with.
			craving *= 0.3;
		}
		String id = String.format("sim%d-p%04d", this.spec.seed(), index + 1);
		return new PatientProfile(id, index, archetype, enrolDay, index / this.spec.groupSize(), substance,
				buprenorphine, phq, gad, craving, lapse, relapse, dropout, safety, age, program, sex);
	}

	/**
	 * The archetypes with a scheduled lapse or relapse are substance-use patients; the
	 * others are MENTAL_HEALTH patients more often, so that the overall shares are the
	 * parameters'.
	 */
	private PatientProfile.ProgramType programType(Archetype archetype, SplittableRandom random) {
		LapseParameters mix = this.lapseParameters;
		double scheduledShare = MIX.stream().filter(CohortGenerator::substanceUseArchetype).count()
				/ (double) MIX.size();
		double mentalHealth = substanceUseArchetype(archetype) ? 0
				: Math.min(1, mix.mentalHealthShare() / (1 - scheduledShare));
		double dualAmongSubstanceUse = mix.dualDiagnosisShare() / (1 - mix.mentalHealthShare());
		if (random.nextDouble() < mentalHealth) {
			return PatientProfile.ProgramType.MENTAL_HEALTH;
		}
		return (random.nextDouble() < dualAmongSubstanceUse) ? PatientProfile.ProgramType.DUAL_DIAGNOSIS
				: PatientProfile.ProgramType.ADDICTION;
	}

	private static boolean substanceUseArchetype(Archetype archetype) {
		return archetype == Archetype.LAPSE_THEN_RECOVERY || archetype == Archetype.RELAPSE;
	}

	/**
	 * A value in {@code [low, high]}, kept at or below {@code limit} (and at least 1).
	 */
	private static int between(SplittableRandom random, int low, int high, int limit) {
		int top = Math.min(high, limit);
		int bottom = Math.min(low, top);
		return Math.max(1, bottom + random.nextInt(Math.max(1, top - bottom + 1)));
	}

	/**
	 * The schedule: per group, a session on each group day with the patients enrolled by
	 * then (dropouts until their discharge); per patient a weekly individual session.
	 */
	public List<ScheduledSession> sessions(List<PatientProfile> profiles) {
		List<ScheduledSession> sessions = new ArrayList<>();
		for (int day = 0; day < this.spec.days(); day++) {
			int d = day;
			LocalDate date = this.spec.day(day);
			if (this.spec.groupDays().contains(date.getDayOfWeek())) {
				profiles.stream().mapToInt(PatientProfile::group).distinct().sorted().forEach((group) -> {
					List<String> roster = profiles.stream()
						.filter((p) -> p.group() == group && onRoster(p, d))
						.map(PatientProfile::patientId)
						.toList();
					if (!roster.isEmpty()) {
						sessions.add(groupSession(group, d, roster));
					}
				});
			}
			if (date.getDayOfWeek() == this.spec.individualDay()) {
				for (PatientProfile p : profiles) {
					if (onRoster(p, d)) {
						sessions.add(individualSession(p, d));
					}
				}
			}
		}
		return sessions;
	}

	private boolean onRoster(PatientProfile p, int day) {
		if (day < p.enrolDay()) {
			return false;
		}
		return !p.dropsOut() || day - p.enrolDay() <= p.dropoutDay() + DISCHARGE_AFTER_DROPOUT_DAYS;
	}

	private ScheduledSession groupSession(int group, int day, List<String> roster) {
		LocalDate date = this.spec.day(day);
		Modality modality = switch (date.getDayOfWeek()) {
			case MONDAY -> Modality.CBT;
			case WEDNESDAY -> Modality.DBT;
			case THURSDAY -> Modality.TWELVE_STEP_FACILITATION;
			default -> Modality.PSYCHOEDUCATION;
		};
		Instant start = at(date, this.spec.groupStart());
		return new ScheduledSession("G" + group + "-" + date, day, date, SessionType.GROUP, modality, start,
				start.plusSeconds(this.spec.groupMinutes() * 60L), this.spec.clinician(group % 3 + 1), roster);
	}

	private ScheduledSession individualSession(PatientProfile p, int day) {
		LocalDate date = this.spec.day(day);
		Instant start = at(date, LocalTime.of(9 + p.index() % 8, 0));
		return new ScheduledSession("I" + p.index() + "-" + date, day, date, SessionType.INDIVIDUAL,
				Modality.MOTIVATIONAL_INTERVIEWING, start, start.plusSeconds(3600),
				this.spec.clinician(4 + p.index() % 2), List.of(p.patientId()));
	}

	/** Everything one patient produces, with the ground truth. */
	public PatientHistory history(PatientProfile p) {
		SplittableRandom random = patientRandom(p.index(), 1);
		int observed = this.spec.days() - p.enrolDay();
		int active = p.dropsOut() ? Math.min(observed, p.dropoutDay() + 1) : observed;
		LapseProcess.Course course = this.lapseProcess.run(p, active, patientRandom(p.index(), 2));
		Latent latent = new Latent(p, course, this.lapseParameters);
		Set<Integer> useDays = new HashSet<>(course.useDays());

		List<Observations.Attendance> attendance = new ArrayList<>();
		for (int r = 0; r < observed; r++) {
			int day = p.enrolDay() + r;
			LocalDate date = this.spec.day(day);
			if (!onRoster(p, day)) {
				continue;
			}
			if (this.spec.groupDays().contains(date.getDayOfWeek())) {
				attendance.add(attend(p, "G" + p.group() + "-" + date, day, r, this.spec.groupMinutes(), active, latent,
						random));
			}
			if (date.getDayOfWeek() == this.spec.individualDay()) {
				attendance.add(attend(p, "I" + p.index() + "-" + date, day, r, 60, active, latent, random));
			}
		}

		List<Observations.CheckIn> checkIns = new ArrayList<>();
		int lastCheckIn = -1;
		for (int r = 0; r < active; r++) {
			if (random.nextDouble() >= latent.checkInProbability(r)) {
				continue;
			}
			boolean used = false;
			for (int d = lastCheckIn + 1; d <= r; d++) {
				used |= useDays.contains(d);
			}
			lastCheckIn = r;
			checkIns.add(checkIn(p, r, latent, used, random));
		}

		List<Observations.Assessment> assessments = new ArrayList<>();
		Instant safetyAt = null;
		for (int r = 0; r < active; r++) {
			int day = p.enrolDay() + r;
			if (r % 7 == 0) {
				Observations.Assessment phq9 = phq9(p, r, latent, random);
				if (phq9.items().get("9") >= 2) {
					safetyAt = phq9.occurredAt();
				}
				assessments.add(phq9);
				assessments.add(gad7(p, r, latent, random));
				assessments.add(bam(p, r, latent, useDays, random));
			}
			if (r % 7 == 2) {
				assessments.add(uds(p, day, r, useDays));
			}
		}

		OptionalInt ready = StepDownCriteria.firstReadyDay(attendance, checkIns, assessments, useDays, p.enrolDay(),
				active);
		GroundTruth truth = truth(p, course, safetyAt, ready, observed);
		return new PatientHistory(p, attendance, checkIns, assessments, truth);
	}

	private GroundTruth truth(PatientProfile p, LapseProcess.Course course, @Nullable Instant safetyAt,
			OptionalInt ready, int observed) {
		LocalDate enrolled = this.spec.day(p.enrolDay());
		List<Integer> sorted = course.useDays();
		List<LocalDate> uses = sorted.stream().map(enrolled::plusDays).toList();
		List<LocalDate> lapses = sorted.stream().filter((r) -> !course.inRelapse(r)).map(enrolled::plusDays).toList();
		List<GroundTruth.LapseOnset> onsets = course.onsets()
			.stream()
			.map((o) -> new GroundTruth.LapseOnset(enrolled.plusDays(o.day()), o.hadPrecursor(),
					o.hadPrecursor() ? enrolled.plusDays(o.precursorStart()) : null, o.continuedIntoRelapse()))
			.toList();
		List<GroundTruth.Episode> decoys = course.decoys()
			.stream()
			.map((d) -> new GroundTruth.Episode(enrolled.plusDays(d.first()), enrolled.plusDays(d.last())))
			.toList();
		LocalDate relapse = course.onsets()
			.stream()
			.filter(LapseProcess.Onset::continuedIntoRelapse)
			.findFirst()
			.map((o) -> enrolled.plusDays(o.day()))
			.orElse(null);
		return new GroundTruth(p.patientId(), p.archetype(), enrolled, uses, lapses, relapse,
				p.dropsOut() ? enrolled.plusDays(p.dropoutDay()) : null, safetyAt,
				ready.isPresent() ? enrolled.plusDays(ready.getAsInt()) : null, observed, onsets, decoys);
	}

	private Observations.Attendance attend(PatientProfile p, String key, int day, int r, int minutes, int active,
			Latent latent, SplittableRandom random) {
		if (r >= active) {
			return new Observations.Attendance(key, p.patientId(), day, AttendanceStatus.NO_SHOW, 0);
		}
		if (random.nextDouble() < latent.attendProbability(r)) {
			double kind = random.nextDouble();
			if (kind < 0.86) {
				return new Observations.Attendance(key, p.patientId(), day, AttendanceStatus.ATTENDED, minutes);
			}
			if (kind < 0.95) {
				return new Observations.Attendance(key, p.patientId(), day, AttendanceStatus.LATE,
						minutes - 5 - random.nextInt(Math.max(1, minutes / 6)));
			}
			return new Observations.Attendance(key, p.patientId(), day, AttendanceStatus.LEFT_EARLY,
					minutes / 2 + random.nextInt(Math.max(1, minutes / 3)));
		}
		AttendanceStatus absent = (random.nextDouble() < 0.2) ? AttendanceStatus.EXCUSED : AttendanceStatus.NO_SHOW;
		return new Observations.Attendance(key, p.patientId(), day, absent, 0);
	}

	private Observations.CheckIn checkIn(PatientProfile p, int r, Latent latent, boolean used,
			SplittableRandom random) {
		LapseParameters lp = this.lapseParameters;
		double phq = latent.phq9(r);
		double risk = latent.risk(r);
		int craving = scale(latent.cravingToday(r) + random.nextGaussian());
		int mood = scale(8.5 - phq * 0.3 - lp.moodDrop() * risk + random.nextGaussian());
		int stress = scale(2 + phq * 0.28 + craving * 0.1 + lp.stressRise() * risk + random.nextGaussian());
		double sleep = Math.clamp(7.6 - phq * 0.08 - lp.sleepDropHours() * risk + random.nextGaussian() * 0.6, 3.0,
				10.0);
		boolean medication = random.nextDouble() < (latent.inRelapse(r) || used ? 0.7 : 0.95);
		int confidence = scale(latent.confidenceToday(r) + random.nextGaussian());
		double situationChance = lp.highRiskBase()
				+ (lp.highRiskAtFullIntensity() - lp.highRiskBase()) * Math.clamp(risk, 0.0, 1.0);
		boolean highRisk = random.nextDouble() < situationChance;
		String category = highRisk ? category(random).name() : null;
		Instant at = at(this.spec.day(p.enrolDay() + r), LocalTime.of(20, 30)).plusSeconds(60L * random.nextInt(120));
		return new Observations.CheckIn(p.patientId(), p.enrolDay() + r, at, mood, craving, used,
				used ? List.of(p.substance().checkInName()) : List.of(),
				BigDecimal.valueOf(sleep).setScale(1, RoundingMode.HALF_UP), stress, medication, confidence, highRisk,
				category);
	}

	private HighRiskCategory category(SplittableRandom random) {
		double draw = random.nextDouble();
		double cumulative = 0;
		for (HighRiskCategory category : HighRiskCategory.values()) {
			cumulative += this.lapseParameters.highRiskCategoryShares().get(category);
			if (draw < cumulative) {
				return category;
			}
		}
		return HighRiskCategory.OTHER;
	}

	private Observations.Assessment phq9(PatientProfile p, int r, Latent latent, SplittableRandom random) {
		int item9 = 0;
		if (r == p.safetyDay()) {
			item9 = (random.nextDouble() < 0.3) ? 3 : 2;
		}
		int total = Math.clamp(Math.round(latent.phq9(r) + noise(random)), item9, 24 + item9);
		Map<String, Integer> items = ItemAllocator.spread(PHQ9_ITEMS.subList(0, 8), 3, total - item9, random);
		items.put("9", item9);
		return new Observations.Assessment(p.patientId(), p.enrolDay() + r, Instrument.PHQ9, assessmentTime(p, r),
				items, List.of(), total);
	}

	private Observations.Assessment gad7(PatientProfile p, int r, Latent latent, SplittableRandom random) {
		double intended = p.baselineGad7() * latent.phq9(r) / p.baselinePhq9();
		int total = Math.clamp(Math.round(intended + noise(random)), 0, 21);
		return new Observations.Assessment(p.patientId(), p.enrolDay() + r, Instrument.GAD7,
				assessmentTime(p, r).plusSeconds(300), ItemAllocator.spread(GAD7_ITEMS, 3, total, random), List.of(),
				total);
	}

	/**
	 * BAM-IOP, 7-day recall: days of use coded 0 (none), 1 (1-2), 2 (3-4), 3 (5-6), 4
	 * (7).
	 */
	private Observations.Assessment bam(PatientProfile p, int r, Latent latent, Set<Integer> useDays,
			SplittableRandom random) {
		int useDaysInWeek = 0;
		for (int d = r - 6; d <= r; d++) {
			useDaysInWeek += useDays.contains(d) ? 1 : 0;
		}
		int code = (useDaysInWeek == 0) ? 0 : Math.min(4, (useDaysInWeek + 1) / 2);
		double phq = latent.phq9(r) / 27.0;
		double craving = latent.cravingToday(r);
		int risk = Math.clamp(Math.round(phq * 14 + craving * 0.8 + random.nextGaussian() * 1.5), 0, 24);
		int protective = Math.clamp(Math.round(22 - phq * 12 - craving * 0.4 + random.nextGaussian() * 1.5), 0, 24);
		Map<String, Integer> riskItems = ItemAllocator.spread(StepDownCriteria.Bam.RISK, 4, risk, random);
		Map<String, Integer> protectiveItems = ItemAllocator.spread(StepDownCriteria.Bam.PROTECTIVE, 4, protective,
				random);
		boolean alcohol = p.substance() == Substance.ALCOHOL;
		Map<String, Integer> items = new LinkedHashMap<>();
		for (int i = 1; i <= 17; i++) {
			String id = Integer.toString(i);
			if (i == 7) {
				// Days per drug class are asked only when item 6 (any drug) is above 0.
				if (!alcohol && code > 0) {
					for (String drug : StepDownCriteria.Bam.DRUG_CLASSES) {
						items.put(drug, drug.equals(p.substance().bamDrugItem()) ? code : 0);
					}
				}
				continue;
			}
			int value = switch (id) {
				case "4" -> alcohol ? code : 0;
				case "5" -> alcohol ? Math.max(0, code - 1) : 0;
				case "6" -> alcohol ? 0 : code;
				case "17" -> (int) Math.clamp(Math.round(4 - phq * 4 + random.nextGaussian() * 0.5), 0, 4);
				default -> riskItems.containsKey(id) ? riskItems.get(id) : protectiveItems.get(id);
			};
			items.put(id, value);
		}
		return new Observations.Assessment(p.patientId(), p.enrolDay() + r, Instrument.BAM,
				assessmentTime(p, r).plusSeconds(600), items, List.of(), null);
	}

	/**
	 * Detects use within the last three days; a prescribed buprenorphine positive is no
	 * use.
	 */
	private Observations.Assessment uds(PatientProfile p, int day, int r, Set<Integer> useDays) {
		boolean recentUse = useDays.contains(r) || useDays.contains(r - 1) || useDays.contains(r - 2)
				|| useDays.contains(r - 3);
		List<Observations.Analyte> analytes = new ArrayList<>();
		List<String> panel = new ArrayList<>(UDS_PANEL);
		if (p.substance() == Substance.ALCOHOL) {
			panel.add(p.substance().udsAnalyte());
		}
		for (String analyte : panel) {
			boolean positive = recentUse && analyte.equals(p.substance().udsAnalyte());
			analytes.add(new Observations.Analyte(analyte, positive, positive, false));
		}
		if (p.buprenorphine()) {
			analytes.add(new Observations.Analyte("buprenorphine", true, false, true));
		}
		Instant at = at(this.spec.day(day), this.spec.groupStart().minusMinutes(15));
		return new Observations.Assessment(p.patientId(), day, Instrument.UDS, at, Map.of(), analytes, null);
	}

	private Instant assessmentTime(PatientProfile p, int r) {
		return at(this.spec.day(p.enrolDay() + r), this.spec.groupStart().minusMinutes(40));
	}

	private Instant at(LocalDate date, LocalTime time) {
		return ZonedDateTime.of(date, time, this.spec.zone()).toInstant();
	}

	private SplittableRandom patientRandom(int index, int stream) {
		long mixed = this.spec.seed() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L
				+ stream * 0x94D049BB133111EBL;
		return new SplittableRandom(mixed);
	}

	private static double noise(SplittableRandom random) {
		return Math.clamp(random.nextGaussian(), -2.0, 2.0);
	}

	private static int scale(double value) {
		return (int) Math.clamp(Math.round(value), 0, 10);
	}

	private static List<String> numbered(int count) {
		return IntStream.rangeClosed(1, count).mapToObj(Integer::toString).toList();
	}

	/**
	 * The latent course of one patient, by day relative to enrolment: the archetype's
	 * trajectory with the lapse process's risk and use on top.
	 */
	private static final class Latent {

		private final PatientProfile p;

		private final LapseProcess.Course course;

		private final LapseParameters lp;

		Latent(PatientProfile p, LapseProcess.Course course, LapseParameters lp) {
			this.p = p;
			this.course = course;
			this.lp = lp;
		}

		double risk(int r) {
			return this.course.risk(r);
		}

		double phq9(int r) {
			double b = this.p.baselinePhq9();
			double value = switch (this.p.archetype()) {
				case RESPONDER -> b * improving(r, 12);
				case LAPSE_THEN_RECOVERY -> b * improving(r, 12) + 4 * bump(r - this.p.lapseDay(), 4);
				case SLOW_RESPONDER ->
					b * ((r <= 56) ? 1 - 0.28 * r / 56.0 : 0.72 - 0.25 * Math.min(1.0, (r - 56) / 28.0));
				case NON_RESPONDER -> b * (0.95 + 0.05 * Math.sin(r / 9.0));
				case DROPOUT -> b * (0.95 - 0.15 * Math.min(1.0, r / 42.0));
				case RELAPSE -> {
					int turn = Math.max(0, this.p.relapseDay() - 10);
					double before = b * (0.35 + 0.65 * Math.exp(-r / 14.0));
					if (r <= turn) {
						yield before;
					}
					double atTurn = b * (0.35 + 0.65 * Math.exp(-turn / 14.0));
					yield atTurn + (1.05 * b - atTurn) * Math.min(1.0, (r - turn) / 24.0);
				}
				case SAFETY_EVENT -> {
					double peak = Math.max(21, b + 6);
					int day = Math.max(1, this.p.safetyDay());
					if (r <= day) {
						yield b + (peak - b) * r / day;
					}
					yield peak * (0.6 + 0.4 * Math.exp(-(r - day) / 10.0));
				}
			};
			return Math.clamp(value, 0, 27);
		}

		/** The archetype's craving, without lapse risk or use. */
		double craving(int r) {
			double c = this.p.baselineCraving();
			double value = switch (this.p.archetype()) {
				// The lapse and the relapse bring their own precursor (LapseProcess).
				case RESPONDER, SLOW_RESPONDER, LAPSE_THEN_RECOVERY, RELAPSE -> c * (0.25 + 0.75 * Math.exp(-r / 14.0));
				case NON_RESPONDER -> c * 0.9;
				case DROPOUT -> c;
				case SAFETY_EVENT -> c * 0.8;
			};
			return Math.clamp(value, 0, 10);
		}

		/** Craving pulled toward 10 by a precursor and by recent use. */
		double cravingToday(int r) {
			double shift = this.lp.cravingPull() * risk(r) + this.lp.postUseCravingPull() * this.course.afterUse(r);
			return toward(craving(r), 10, shift);
		}

		/**
		 * Abstinence self-efficacy: grows as craving fades over treatment, pulled toward
		 * 0 by a precursor and by recent use.
		 */
		double confidenceToday(int r) {
			double base = Math.clamp(9.0 - 0.5 * craving(r) + this.course.confidenceOffset(), 0, 10);
			double shift = this.lp.confidencePull() * risk(r)
					+ this.lp.postUseConfidencePull() * this.course.afterUse(r);
			return toward(base, 0, shift);
		}

		/**
		 * Moves {@code value} the share {@code shift} of the way to {@code extreme}; a
		 * negative shift moves it away (a better day than usual).
		 */
		private static double toward(double value, double extreme, double shift) {
			double away = (extreme > 5) ? 0 : 10;
			return (shift >= 0) ? value + (extreme - value) * Math.min(1, shift)
					: value + (away - value) * Math.min(1, -shift);
		}

		boolean inRelapse(int r) {
			return this.course.inRelapse(r);
		}

		private double present(int r) {
			double base = switch (this.p.archetype()) {
				case RESPONDER -> 0.96;
				case LAPSE_THEN_RECOVERY -> 0.94;
				case SLOW_RESPONDER, RELAPSE -> 0.93;
				case NON_RESPONDER -> 0.85;
				case DROPOUT -> 0.88 - 0.38 * Math.min(1.0, r / (double) Math.max(1, this.p.dropoutDay()));
				case SAFETY_EVENT -> 0.88;
			};
			base *= inRelapse(r) ? 0.6 : 1.0;
			return this.course.uses(r) ? base * 0.6 : base;
		}

		double attendProbability(int r) {
			return present(r) * (1 - this.lp.attendanceDrop() * Math.clamp(risk(r), 0.0, 1.0));
		}

		double checkInProbability(int r) {
			// Relapsing patients keep checking in until they use (the rising craving is
			// seen).
			double base = (this.p.archetype() == Archetype.RELAPSE && r < this.p.relapseDay()) ? 0.93
					: Math.min(0.97, present(r) + 0.02);
			return base * (1 - this.lp.missedCheckInRise() * Math.clamp(risk(r), 0.0, 1.0));
		}

		private static double improving(int r, double days) {
			return 0.2 + 0.8 * Math.exp(-r / days);
		}

		private static double bump(int x, double width) {
			return (Math.abs(x) > 10) ? 0 : Math.exp(-(x * x) / (2 * width * width));
		}

	}

}
