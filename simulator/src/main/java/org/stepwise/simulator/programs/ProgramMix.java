package org.stepwise.simulator.programs;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.stepwise.simulator.cohort.ItemAllocator;

/**
 * The kinds of IOP beyond the simulator's program-a cohort, and life after it, as
 * {@code ./stepwise --demo} plays them through the APIs (issue 22, item 5): a
 * dual-diagnosis program for adolescents (program-b), an eating-disorder program for
 * adolescents (program-c), each with {@value #PATIENTS} patients over the last
 * {@value #DAYS} days, and {@value #PATIENTS} program-a patients discharged into
 * aftercare. Twelve each, so the dashboards' panels by program type and phase pass their
 * n &lt; 11 suppression.
 * <p>
 * Most patients stay in range, with day-to-day noise; a few carry one designated course
 * each, so the console shows what each program type watches for: in program-b an early
 * warning without use ({@link #B_EARLY_WARNING}), use ({@link #B_USE}), worsening
 * depression ({@link #B_PHQ9_WORSE}) and two family sessions missed in a row
 * ({@link #B_FAMILY_MISSES}); in program-c medical instability
 * ({@link #C_HEART_RATE_48}), rapid weight loss ({@link #C_WEIGHT_LOSS}) and a rising
 * EDE-QS ({@link #C_EDEQS_RISING}); in aftercare two re-entries, one by use
 * ({@link #AFTERCARE_USE}), one by a PHQ-9 of 16 ({@link #AFTERCARE_PHQ9}).
 * <p>
 * The values are illustrative, chosen to look like such programs; no figure is computed
 * from them (the early-warning and rule-quality figures come from the cohort generator,
 * whose parameters have sources). Everything follows from the seed and the day: a second
 * run sends the same requests with the same idempotency keys.
 */
public final class ProgramMix {

	public static final int PATIENTS = 12;

	/** Days of history of the two IOP programs, ending yesterday. */
	public static final int DAYS = 28;

	public static final String B_EARLY_WARNING = "demo-b-2";

	public static final String B_FAMILY_MISSES = "demo-b-3";

	public static final String B_USE = "demo-b-4";

	public static final String B_PHQ9_WORSE = "demo-b-5";

	public static final String C_HEART_RATE_48 = "demo-c-1";

	public static final String C_WEIGHT_LOSS = "demo-c-2";

	public static final String C_EDEQS_RISING = "demo-c-3";

	public static final String AFTERCARE_USE = "demo-aftercare-2";

	public static final String AFTERCARE_PHQ9 = "demo-aftercare-9";

	static final String PLANS = "plan-service";

	static final String ASSESSMENTS = "assessment-service";

	static final String ATTENDANCE = "attendance-service";

	static final String INGEST = "stepwise-ingest";

	private static final List<DayOfWeek> GROUP_DAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY,
			DayOfWeek.THURSDAY);

	/** After school: adolescent groups of two hours, family sessions of one. */
	private static final LocalTime GROUP_START = LocalTime.of(16, 0);

	private static final LocalTime FAMILY_START = LocalTime.of(17, 30);

	private static final DayOfWeek FAMILY_DAY = DayOfWeek.TUESDAY;

	private final SplittableRandom random;

	private final Instant now;

	private final List<Scheduled> scheduled = new ArrayList<>();

	private ProgramMix(long seed, Instant now) {
		this.random = new SplittableRandom(seed);
		this.now = now.truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * A request and when it happens in clinical time.
	 */
	public record Scheduled(Instant at, ApiCall call) {
	}

	/**
	 * The requests, in clinical order, as plan-service on event time must see each
	 * patient's facts (a session's attendance before the check-ins of the days before it
	 * would read as days of silence). Its clock is one watermark for every patient: a
	 * caller also playing another cohort sends each request once that cohort has reached
	 * its time. Requests at the same time keep the order they were made in.
	 */
	public static List<Scheduled> calls(long seed, Instant now) {
		ProgramMix mix = new ProgramMix(seed, now);
		mix.dualDiagnosisAdolescents();
		mix.eatingDisorderAdolescents();
		mix.aftercare();
		List<Scheduled> scheduled = new ArrayList<>(mix.scheduled);
		scheduled.sort(Comparator.comparing(Scheduled::at));
		return List.copyOf(scheduled);
	}

	/** A call recording a fact, at the fact's clinical time (its body's). */
	private void add(ApiCall call) {
		for (String field : List.of("occurredAt", "measuredAt", "startsAt")) {
			if (call.body().get(field) instanceof String at) {
				add(call, Instant.parse(at));
				return;
			}
		}
		throw new IllegalArgumentException("no clinical time in a " + call.method() + " to " + call.service());
	}

	private void add(ApiCall call, Instant at) {
		this.scheduled.add(new Scheduled(at, call));
	}

	private void dualDiagnosisAdolescents() {
		Program b = new Program("program-b", ZoneId.of("America/New_York"), "admin-b", "clinician-b1");
		List<String> patients = adolescentProgram(b, "Demo dual diagnosis IOP (adolescents)", "DUAL_DIAGNOSIS", true);
		for (String patient : patients) {
			for (int day = 0; day < DAYS; day++) {
				if (day < DAYS - 1 && this.random.nextDouble() < 0.08) {
					continue; // a day without a check-in now and then; never yesterday
				}
				double ramp = Math.max(0, day - (DAYS - 9)) / 8.0; // the last eight days
				boolean warning = patient.equals(B_EARLY_WARNING);
				boolean used = patient.equals(B_USE) && day == DAYS - 3;
				Map<String, Object> checkIn = checkIn(b, patient, day);
				if (warning) {
					checkIn.put("mood", (int) Math.round(7 - 3 * ramp));
				}
				checkIn.put("craving",
						warning ? (int) Math.round(2 + 5 * ramp) : used ? 7 : 1 + this.random.nextInt(3));
				checkIn.put("confidence",
						warning ? (int) Math.round(8 - 5 * ramp) : used ? 4 : 7 + this.random.nextInt(3));
				checkIn.put("stress", warning ? (int) Math.round(3 + 4 * ramp) : 2 + this.random.nextInt(3));
				checkIn.put("sleepHours", warning ? 7.0 - 2 * ramp : sleep());
				checkIn.put("usedSinceLastCheckIn", used);
				if (used) {
					checkIn.put("substances", List.of("cannabis"));
				}
				add(checkInCall(b, patient, day, checkIn));
			}
			// PHQ-9 and GAD-7 every 14 days (the dual-diagnosis schedule)
			int phq9 = 10 + this.random.nextInt(5);
			int gad7 = 8 + this.random.nextInt(5);
			for (int day : new int[] { 13, DAYS - 1 }) {
				boolean later = day > 13;
				int phq9Now = patient.equals(B_PHQ9_WORSE) ? (later ? 17 : 11) : phq9 - (later ? 3 : 0);
				add(instrument(b, patient, day, "PHQ9", ItemAllocator.spread(items(8), 3, phq9Now, this.random),
						Map.of("9", 0)));
				add(instrument(b, patient, day, "GAD7",
						ItemAllocator.spread(items(7), 3, gad7 - (later ? 2 : 0), this.random), Map.of()));
			}
		}
	}

	private void eatingDisorderAdolescents() {
		Program c = new Program("program-c", ZoneId.of("America/Denver"), "admin-c", "clinician-c1");
		List<String> patients = adolescentProgram(c, "Demo eating-disorder IOP (adolescents)", "EATING_DISORDER",
				false);
		for (String patient : patients) {
			int index = patients.indexOf(patient);
			for (int day = 0; day < DAYS; day++) {
				if (day < DAYS - 1 && this.random.nextDouble() < 0.08) {
					continue;
				}
				Map<String, Object> checkIn = checkIn(c, patient, day);
				checkIn.put("craving", 0);
				checkIn.put("usedSinceLastCheckIn", false);
				checkIn.put("stress", 2 + this.random.nextInt(4));
				checkIn.put("sleepHours", sleep());
				add(checkInCall(c, patient, day, checkIn));
			}
			// weight and vitals weekly, in the morning; most regain weight
			LocalDate born = c.today(this.now).minusYears(13 + index % 5).minusMonths(this.random.nextInt(12));
			int heightCm = 152 + this.random.nextInt(17);
			double bmi = 16.8 + this.random.nextDouble() * 2.0;
			double weight = bmi * heightCm * heightCm / 10_000.0;
			for (int day = DAYS - 22; day < DAYS; day += 7) {
				boolean losing = patient.equals(C_WEIGHT_LOSS) && day >= DAYS - 15;
				weight += losing ? -1.2 : (day == DAYS - 22) ? 0 : 0.2 + this.random.nextDouble() * 0.4;
				boolean latest = day == DAYS - 1;
				Map<String, Object> vitals = new LinkedHashMap<>();
				vitals.put("patientId", patient);
				vitals.put("programId", c.id());
				vitals.put("measuredAt", c.at(this.now, day, LocalTime.of(8, 30)).toString());
				vitals.put("timeOfDay", "DAY");
				vitals.put("heartRatePerMin",
						(patient.equals(C_HEART_RATE_48) && latest) ? 48 : 58 + this.random.nextInt(19));
				vitals.put("systolicMmHg", 100 + this.random.nextInt(14));
				vitals.put("diastolicMmHg", 60 + this.random.nextInt(11));
				vitals.put("temperatureC", tenths(36.3 + this.random.nextInt(6) / 10.0));
				vitals.put("weightKg", tenths(weight));
				vitals.put("heightCm", heightCm);
				vitals.put("dateOfBirth", born.toString());
				vitals.put("sex", (index % 6 == 5) ? "MALE" : "FEMALE");
				add(ApiCall.post(ASSESSMENTS, "/api/v1/vitals", INGEST, key("vitals", patient, c.date(this.now, day)),
						vitals));
			}
			// EDE-QS weekly (12 items, 0-3): mostly falling, one rising by 10
			int edeqs = 20 + this.random.nextInt(7);
			for (int week = 1; week <= 4; week++) {
				int day = Math.min(7 * week - 1, DAYS - 1);
				int total = patient.equals(C_EDEQS_RISING) ? new int[] { 14, 15, 20, 24 }[week - 1]
						: edeqs - 2 * (week - 1) + this.random.nextInt(3) - 1;
				add(instrument(c, patient, day, "EDEQS", ItemAllocator.spread(items(12), 3, total, this.random),
						Map.of()));
			}
		}
	}

	/**
	 * Program-a patients discharged 20 to 130 days ago after time at OP, in aftercare:
	 * check-ins weekly for the first three months after discharge, then monthly.
	 */
	private void aftercare() {
		Program a = new Program("program-a", ZoneId.of("America/Chicago"), "admin-a", "clinician-a1");
		LocalDate today = a.today(this.now);
		for (String patient : patients("demo-aftercare-")) {
			int index = Integer.parseInt(patient.substring(patient.lastIndexOf('-') + 1));
			enrol(a, patient, "1.0", false, today.minusDays(200), 3, 1);
			LocalDate discharged = today.minusDays(20 + 10L * (index - 1));
			// the last check-in in treatment, on the discharge day, then the discharge:
			// plan-service on event time discharges on a day its clock has reached
			Map<String, Object> last = aftercareCheckIn(a, patient, discharged, false);
			Map<String, Object> discharge = new LinkedHashMap<>();
			discharge.put("planned", false);
			discharge.put("reason", "eight weeks at OP without use");
			discharge.put("dischargedOn", discharged.toString());
			add(ApiCall.post(PLANS, "/api/v1/patients/" + patient + "/plan/discharge", "clinician-a1",
					"demo-discharge-" + patient, discharge),
					Instant.parse((String) last.get("occurredAt")).plus(1, ChronoUnit.MINUTES));
			List<LocalDate> checkIns = new ArrayList<>();
			for (LocalDate day = discharged.plusDays(7); day
				.isBefore(today); day = day.plusDays(day.isBefore(discharged.plusMonths(3)) ? 7 : 30)) {
				checkIns.add(day);
			}
			checkIns.add(today);
			for (LocalDate on : checkIns) {
				aftercareCheckIn(a, patient, on, on.equals(today) && patient.equals(AFTERCARE_USE));
			}
			if (patient.equals(AFTERCARE_PHQ9)) {
				Map<String, Object> phq9 = new LinkedHashMap<>(ItemAllocator.spread(items(8), 3, 16, this.random));
				phq9.put("9", 0);
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("patientId", patient);
				body.put("programId", a.id());
				body.put("instrument", "PHQ9");
				body.put("occurredAt", this.now.minus(3, ChronoUnit.HOURS).toString());
				body.put("items", phq9);
				add(ApiCall.post(ASSESSMENTS, "/api/v1/assessments", INGEST, key("PHQ9", patient, today), body));
			}
		}
	}

	/**
	 * A program-a check-in at 19:00 on {@code on} (today's two hours ago); returns its
	 * body.
	 */
	private Map<String, Object> aftercareCheckIn(Program a, String patient, LocalDate on, boolean used) {
		int day = (int) ChronoUnit.DAYS.between(a.first(this.now), on);
		Map<String, Object> checkIn = checkIn(a, patient, day);
		checkIn.put("occurredAt", on.equals(a.today(this.now)) ? this.now.minus(2, ChronoUnit.HOURS).toString()
				: a.at(this.now, day, LocalTime.of(19, 0)).toString());
		checkIn.put("craving", used ? 6 : this.random.nextInt(3));
		checkIn.put("confidence", used ? 4 : 8 + this.random.nextInt(3));
		checkIn.put("stress", used ? 6 : 2 + this.random.nextInt(3));
		checkIn.put("sleepHours", sleep());
		checkIn.put("usedSinceLastCheckIn", used);
		if (used) {
			checkIn.put("substances", List.of("alcohol"));
		}
		add(ApiCall.post(ASSESSMENTS, "/api/v1/check-ins", INGEST, key("check-in", patient, on), checkIn));
		return checkIn;
	}

	/**
	 * Declares an adolescent program of this type, enrols its patients at IOP (adolescent
	 * band: 7 h a week in three two-hour groups and a family session) and schedules and
	 * records those sessions: most attend, a few miss a group; {@link #B_FAMILY_MISSES}
	 * misses the last two family sessions.
	 * @param seeded whether plan-service's configuration creates the program (program-a
	 * and program-b; they are updated, the others created)
	 * @return the patients
	 */
	private List<String> adolescentProgram(Program program, String name, String type, boolean seeded) {
		Map<String, Object> declared = new LinkedHashMap<>();
		declared.put("name", name);
		declared.put("type", type);
		declared.put("timeZone", program.zone().getId());
		declared.put("population", "ADOLESCENT");
		declared.put("onCallClinicianId", program.id().replace("program-", "clinician-") + "-oncall");
		declared.put("types", List.of(type, "ADOLESCENT"));
		// the programs first
		// the programs before everything
		add(new ApiCall(PLANS, seeded ? "PUT" : "POST", "/api/v1/programs/" + program.id(), program.admin(), null,
				declared, null), Instant.EPOCH);
		List<String> patients = patients(program.id().replace("program-", "demo-") + "-");
		for (String patient : patients) {
			enrol(program, patient, "2.1", true, program.first(this.now), 7, 4);
		}
		for (int day = 0; day < DAYS; day++) {
			LocalDate date = program.date(this.now, day);
			if (GROUP_DAYS.contains(date.getDayOfWeek())) {
				String session = program.id() + "-group-" + date;
				Instant ends = session(program, day, GROUP_START, 120, "CBT", "GROUP", patients, session);
				List<Map<String, Object>> records = new ArrayList<>();
				for (String patient : patients) {
					double draw = this.random.nextDouble();
					String status = (draw < 0.06) ? "NO_SHOW" : (draw < 0.10) ? "LATE" : "ATTENDED";
					records
						.add(mark(patient, status, status.equals("NO_SHOW") ? 0 : status.equals("LATE") ? 100 : 120));
				}
				attendance(session, ends, records);
			}
			if (date.getDayOfWeek() == FAMILY_DAY) {
				boolean lastTwo = day >= DAYS - 14;
				for (String patient : patients) {
					String session = program.id() + "-family-" + patient + "-" + date;
					Instant ends = session(program, day, FAMILY_START, 60, "FAMILY_THERAPY", "FAMILY", List.of(patient),
							session);
					boolean missed = patient.equals(B_FAMILY_MISSES) && lastTwo;
					attendance(session, ends, List.of(mark(patient, missed ? "NO_SHOW" : "ATTENDED", missed ? 0 : 60)));
				}
			}
		}
		return patients;
	}

	private void enrol(Program program, String patient, String level, boolean adolescent, LocalDate start,
			int weeklyHours, int sessionsPerWeek) {
		Map<String, Object> plan = new LinkedHashMap<>();
		plan.put("patientId", patient);
		plan.put("programId", program.id());
		plan.put("levelOfCare", Map.of("code", level, "edition", 3));
		plan.put("adolescent", adolescent);
		plan.put("weeklyHours", weeklyHours);
		plan.put("sessionsPerWeek", sessionsPerWeek);
		plan.put("modalities", List.of("CBT"));
		plan.put("careTeam", List.of(program.clinician()));
		plan.put("mode", "AUTOMATIC");
		plan.put("startDate", start.toString());
		// at the start of its first day in UTC, before the day's events in the programs'
		// American zones
		add(ApiCall.post(PLANS, "/api/v1/plans", program.admin(), "demo-enrol-" + patient, plan),
				start.atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	/** Schedules a session; returns its end. */
	private Instant session(Program program, int day, LocalTime start, int minutes, String modality, String type,
			List<String> roster, String name) {
		Instant startsAt = program.at(this.now, day, start);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("programId", program.id());
		body.put("sessionType", type);
		body.put("modality", modality);
		body.put("startsAt", startsAt.toString());
		body.put("endsAt", startsAt.plus(minutes, ChronoUnit.MINUTES).toString());
		body.put("facilitatorId", program.clinician());
		body.put("roster", roster);
		add(ApiCall.post(ATTENDANCE, "/api/v1/sessions", INGEST, "demo-session-" + name, body).answeringId(name));
		return startsAt.plus(minutes, ChronoUnit.MINUTES);
	}

	/** The session's attendance, recorded at its end. */
	private void attendance(String session, Instant ends, List<Map<String, Object>> records) {
		add(ApiCall.post(ATTENDANCE, "/api/v1/sessions/{" + session + "}/attendance", INGEST,
				"demo-attendance-" + session, Map.of("records", records)), ends);
	}

	private static Map<String, Object> mark(String patient, String status, int minutes) {
		return Map.of("patientId", patient, "status", status, "minutesAttended", minutes);
	}

	private Map<String, Object> checkIn(Program program, String patient, int day) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("patientId", patient);
		body.put("programId", program.id());
		body.put("occurredAt",
				program.at(this.now, day, LocalTime.of(19, 0).plusMinutes(this.random.nextInt(120))).toString());
		body.put("mood", 6 + this.random.nextInt(3));
		body.put("medicationTakenAsPrescribed", true);
		return body;
	}

	private ApiCall checkInCall(Program program, String patient, int day, Map<String, Object> body) {
		return ApiCall.post(ASSESSMENTS, "/api/v1/check-ins", INGEST,
				key("check-in", patient, program.date(this.now, day)), body);
	}

	private ApiCall instrument(Program program, String patient, int day, String instrument, Map<String, Integer> items,
			Map<String, Integer> fixed) {
		Map<String, Object> answers = new LinkedHashMap<>(items);
		answers.putAll(fixed);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("patientId", patient);
		body.put("programId", program.id());
		body.put("instrument", instrument);
		body.put("occurredAt", program.at(this.now, day, LocalTime.of(18, 15)).toString());
		body.put("items", answers);
		return ApiCall.post(ASSESSMENTS, "/api/v1/assessments", INGEST,
				key(instrument, patient, program.date(this.now, day)), body);
	}

	private double sleep() {
		return tenths(6.5 + this.random.nextDouble() * 2);
	}

	private static double tenths(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private static List<String> items(int count) {
		return IntStream.rangeClosed(1, count).mapToObj(Integer::toString).toList();
	}

	private static List<String> patients(String prefix) {
		return IntStream.rangeClosed(1, PATIENTS).mapToObj((i) -> prefix + i).toList();
	}

	private static String key(String what, String patient, LocalDate on) {
		return String.format(Locale.ROOT, "demo-%s-%s-%s", what.toLowerCase(Locale.ROOT), patient, on);
	}

	/**
	 * A program as the demo plays it: its clinical zone, its admin and its clinician.
	 */
	record Program(String id, ZoneId zone, String admin, String clinician) {

		LocalDate today(Instant now) {
			return LocalDate.ofInstant(now, this.zone);
		}

		/** Day 0 of the history: {@value ProgramMix#DAYS} days before today. */
		LocalDate first(Instant now) {
			return today(now).minusDays(DAYS);
		}

		LocalDate date(Instant now, int day) {
			return first(now).plusDays(day);
		}

		Instant at(Instant now, int day, LocalTime time) {
			return ZonedDateTime.of(date(now, day), time, this.zone).toInstant();
		}

	}

}
