package org.stepwise.alert.console;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.alert.AlertKind;

/**
 * The console's words for what the pipeline says in codes: alert kinds, the signals of
 * docs/clinical-rules.md (S1-S17), plan-change reasons, and the evidence texts of the
 * rules (which are written for logs and tests: "S5 NOT_ON_TRACK"; alerts stored before S5
 * said a rise in words still read "PHQ-9 12 -> 18 (-50% drop, ...)"). One place, so the
 * inbox, the alert page, the caseload and the patient page say the same thing. Pure: no
 * Spring, no I/O.
 */
public final class Wording {

	/** Every alert kind in words (a missing one fails WordingTest). */
	static final Map<AlertKind, String> KINDS = Map.ofEntries(Map.entry(AlertKind.SAFETY, "Safety concern"),
			Map.entry(AlertKind.DEPRESSION_WORSENING, "Depression worsening"),
			Map.entry(AlertKind.ANXIETY_WORSENING, "Anxiety worsening"),
			Map.entry(AlertKind.NOT_ON_TRACK, "Not on track"), Map.entry(AlertKind.SUBSTANCE_USE, "Substance use"),
			Map.entry(AlertKind.CRAVING, "Craving"), Map.entry(AlertKind.BAM_CONCERN, "Recovery check (BAM) concern"),
			Map.entry(AlertKind.DISENGAGEMENT, "Missed sessions"),
			Map.entry(AlertKind.LOW_ATTENDANCE, "Low attendance"),
			Map.entry(AlertKind.UNDER_DOSED_WEEK, "Fewer hours than the level needs"),
			Map.entry(AlertKind.CHECK_IN_SILENCE, "No recent check-ins"),
			Map.entry(AlertKind.FAMILY_SESSIONS_MISSED, "Family sessions missed"),
			Map.entry(AlertKind.RELAPSE_RISK, "Relapse risk"),
			Map.entry(AlertKind.STEP_DOWN_READY, "Ready to step down"),
			Map.entry(AlertKind.RECOMMENDATION_STEP_DOWN, "Step-down recommended"),
			Map.entry(AlertKind.RECOMMENDATION_STEP_UP, "Step-up recommended"),
			Map.entry(AlertKind.RECOMMENDATION_CRISIS_EVALUATION, "Crisis evaluation recommended"),
			Map.entry(AlertKind.MEDICAL_INSTABILITY, "Medical instability"),
			Map.entry(AlertKind.RAPID_WEIGHT_LOSS, "Rapid weight loss"),
			Map.entry(AlertKind.EATING_DISORDER_WORSENING, "Eating-disorder symptoms worsening (EDE-QS)"),

			Map.entry(AlertKind.RE_ENTRY, "Return to IOP recommended (aftercare)"));

	/** The signals of docs/clinical-rules.md section 3 and the kind each one raises. */
	static final Map<String, AlertKind> SIGNALS = Map.ofEntries(Map.entry("S1", AlertKind.SAFETY),
			Map.entry("S2", AlertKind.SAFETY), Map.entry("S3", AlertKind.DEPRESSION_WORSENING),
			Map.entry("S4", AlertKind.ANXIETY_WORSENING), Map.entry("S5", AlertKind.NOT_ON_TRACK),
			Map.entry("S6", AlertKind.SUBSTANCE_USE), Map.entry("S7", AlertKind.CRAVING),
			Map.entry("S8", AlertKind.BAM_CONCERN), Map.entry("S9", AlertKind.DISENGAGEMENT),
			Map.entry("S10", AlertKind.LOW_ATTENDANCE), Map.entry("S11", AlertKind.UNDER_DOSED_WEEK),
			Map.entry("S12", AlertKind.CHECK_IN_SILENCE), Map.entry("S13", AlertKind.FAMILY_SESSIONS_MISSED),
			Map.entry("S14", AlertKind.MEDICAL_INSTABILITY), Map.entry("S15", AlertKind.RAPID_WEIGHT_LOSS),
			Map.entry("S16", AlertKind.EATING_DISORDER_WORSENING),

			Map.entry("S17", AlertKind.RE_ENTRY));

	/** Why a plan version was made (plan-service's reason codes) in words. */
	static final Map<String, String> REASONS = Map.of("ENROLLED", "Enrolled", "CLINICIAN_CHANGE",
			"Changed by a clinician", "CLINICIAN_SETTINGS", "Settings changed by a clinician", "REVERT", "Reverted",
			"RECOMMENDATION_APPROVED", "Recommendation approved", "STEP_DOWN_READY", "Step-down criteria met",
			"RISK_HIGH", "Relapse risk high", "PHQ9_SEVERE", "Severe depression score (PHQ-9)", "DISCHARGED",
			"Discharged to aftercare", "AFTERCARE_COMPLETED", "Aftercare completed, closed");

	private static final String[] ITEM9_ANSWERS = { "not at all", "several days", "more than half the days",
			"nearly every day" };

	private static final Pattern SIGNAL_IN_TEXT = Pattern.compile("\\b(S\\d{1,2}) ([A-Z_]+) \\(");

	private static final Pattern ITEM9 = Pattern.compile("PHQ-9 item 9 = (\\d)");

	private static final Pattern RISE = Pattern.compile("(PHQ-9|GAD-7|EDE-QS) (\\d+) -> (\\d+) \\(\\+(\\d+)\\) since ");

	private static final Pattern NOT_ON_TRACK = Pattern
		.compile("PHQ-9 (\\d+) -> (\\d+) \\((-?\\d+)% drop, (\\d+)% expected by week (\\d+)\\)");

	private static final Pattern USE = Pattern.compile("use on (\\d+) day\\(s\\) in (\\d+) days, first ");

	private static final Pattern CRAVING = Pattern.compile("craving >= (\\d+) on consecutive check-ins since ");

	private static final Pattern PACS = Pattern.compile("PACS (\\d+) on ");

	private static final Pattern BAM = Pattern.compile("BAM Risk (\\w+), Protective (\\w+) on ");

	private static final Pattern NO_SHOWS = Pattern.compile("(\\d+) unexcused no-shows in a row");

	private static final Pattern ATTENDED = Pattern
		.compile("(\\d+) of (\\d+) sessions attended \\((\\d+)%\\) in (\\d+) days");

	private static final Pattern UNDER_DOSED = Pattern
		.compile("([\\d.]+) h delivered in (\\d{4}-W\\d{2}), level minimum (\\d+) h");

	private static final Pattern SILENCE = Pattern.compile("no check-in for (\\d+) days since ");

	private static final Pattern EARLY_WARNING = Pattern
		.compile("Early warning: lapse risk (\\w+) \\((\\d+)% in 7 days, model [^)]*\\)");

	private static final Pattern RECOMMENDED = Pattern.compile(
			"Recommended (STEP_UP|STEP_DOWN|CRISIS_EVALUATION|RE_ENTRY) ([\\d.]+) -> ([\\d.]+), awaiting approval");

	private static final Pattern C_SSRS = Pattern.compile("C-SSRS (?:screener )?(\\w+) on ");

	/**
	 * Any cited document: alerts stored before the clinical reference moved into the
	 * repository (docs/clinical-rules.md) cite it by its old file name.
	 */
	private static final Pattern STEP_DOWN_READY = Pattern
		.compile("Step-down ready: criteria of \\S+ section 4 hold \\(rules [^)]*\\)");

	private Wording() {
	}

	/** An alert kind in words; an unknown name (a newer producer) as readable words. */
	public static String kind(String kind) {
		for (AlertKind known : AlertKind.values()) {
			if (known.name().equals(kind)) {
				return KINDS.get(known);
			}
		}
		return readable(kind);
	}

	/** A signal code (S1-S17) in words: the kind it raises. */
	public static String signal(String code) {
		AlertKind kind = SIGNALS.get(code);
		return (kind != null) ? KINDS.get(kind) : readable(code);
	}

	/** A plan-change reason code in words (a signal code is the signal's words). */
	public static String reason(String code) {
		if (SIGNALS.containsKey(code)) {
			return signal(code);
		}
		String words = REASONS.get(code);
		return (words != null) ? words : readable(code);
	}

	/**
	 * An evidence text in words: each rule's phrasing rewritten, signal codes named, the
	 * direction of a change said as it is (a rise is never a "-50% drop"). Text no rule
	 * recognises is kept as it is: it is already words.
	 */
	public static String evidence(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String words = namedSignals(text);
		words = replace(ITEM9, words, (m) -> {
			int answer = Integer.parseInt(m.group(1));
			String said = (answer >= 0 && answer < ITEM9_ANSWERS.length) ? ITEM9_ANSWERS[answer] : m.group(1);
			return "Thoughts of death or self-harm (PHQ-9 item 9): \"" + said + "\" (" + answer + " of 3)";
		});
		words = replace(RISE, words,
				(m) -> m.group(1) + " rose from " + m.group(2) + " to " + m.group(3) + " (+" + m.group(4) + ") since ");
		words = replace(NOT_ON_TRACK, words, (m) -> {
			int from = Integer.parseInt(m.group(1));
			int to = Integer.parseInt(m.group(2));
			int drop = Integer.parseInt(m.group(3));
			String change = (to > from) ? "rose from " + from + " to " + to + " (up " + (-drop) + "%)"
					: (to == from) ? "stayed at " + from : "fell from " + from + " to " + to + " (down " + drop + "%)";
			return "PHQ-9 " + change + "; a drop of at least " + m.group(4) + "% was expected by week " + m.group(5);
		});
		words = replace(USE, words, (m) -> "Use reported on " + m.group(1) + " " + plural(m.group(1), "day", "days")
				+ " in the last " + m.group(2) + " days, first on ");
		words = replace(CRAVING, words,
				(m) -> "Craving " + m.group(1) + " or more (of 10) on consecutive check-ins since ");
		words = replace(PACS, words, (m) -> "Craving scale (PACS) " + m.group(1) + " of 30 on ");
		words = replace(BAM, words,
				(m) -> "BAM risk factors " + m.group(1) + ", protective factors " + m.group(2) + " on ");
		words = replace(NO_SHOWS, words, (m) -> m.group(1) + " sessions in a row missed without notice");
		words = replace(ATTENDED, words, (m) -> "Attended " + m.group(1) + " of " + m.group(2) + " sessions ("
				+ m.group(3) + "%) in the last " + m.group(4) + " days");
		words = replace(UNDER_DOSED, words, (m) -> m.group(1) + " hours of treatment in week " + m.group(2)
				+ ", below the level's minimum of " + m.group(3) + " hours");
		words = replace(SILENCE, words, (m) -> "No check-in for " + m.group(1) + " days, since ");
		words = replace(EARLY_WARNING, words, (m) -> "Early warning: lapse risk " + m.group(1).toLowerCase(Locale.ROOT)
				+ ", " + m.group(2) + "% chance of use in the next 7 days");
		words = replace(RECOMMENDED, words,
				(m) -> ("RE_ENTRY".equals(m.group(1)) ? "Return to intensive outpatient" : readable(m.group(1)))
						+ " from level " + m.group(2) + " to " + m.group(3) + " recommended, awaiting a decision");
		words = replace(C_SSRS, words, (m) -> "Suicide risk screener (C-SSRS): " + m.group(1) + " on ");
		words = replace(STEP_DOWN_READY, words, (m) -> "Every step-down criterion of the program holds");
		words = words.replaceAll("Relapse risk HIGH: ?$", "Relapse risk high by the rules");
		words = words.replace("Relapse risk HIGH: ", "Relapse risk high, because of: ");
		return words;
	}

	/** "S5 NOT_ON_TRACK (" becomes "Not on track (". */
	private static String namedSignals(String text) {
		return replace(SIGNAL_IN_TEXT, text, (m) -> signal(m.group(1)) + " (");
	}

	/**
	 * Evidence of a relapse-risk alert split into its parts, so a page can list them: the
	 * early warning and each signal behind a HIGH by the rules.
	 */
	public static List<String> parts(@Nullable String text) {
		String words = evidence(text);
		List<String> parts = new ArrayList<>();
		for (String sentence : words.split("\\. (?=[A-Z])")) {
			if (!sentence.isBlank()) {
				parts.add(sentence.strip());
			}
		}
		return parts;
	}

	/** Every kind's words, for a page's legend or filter. */
	public static Map<String, String> kinds() {
		Map<String, String> all = new LinkedHashMap<>();
		for (AlertKind kind : AlertKind.values()) {
			all.put(kind.name(), KINDS.get(kind));
		}
		return all;
	}

	/**
	 * A zone's name as browsers know it: the offset UTC (a program without a zone) is
	 * "UTC", not "Z", which {@code Intl.DateTimeFormat} refuses.
	 */
	public static String zone(ZoneId zone) {
		return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
	}

	/**
	 * A recommendation kind in words: "Step up", "Crisis evaluation", and a return from
	 * aftercare as "Return to IOP".
	 */
	public static String recommendation(String kind) {
		return "RE_ENTRY".equals(kind) ? "Return to IOP" : readable(kind);
	}

	/** STEP_UP becomes "Step up". */
	static String readable(String code) {
		String spaced = code.replace('_', ' ').toLowerCase(Locale.ROOT).strip();
		return spaced.isEmpty() ? code : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}

	private static String plural(String count, String one, String many) {
		return "1".equals(count) ? one : many;
	}

	private static String replace(Pattern pattern, String text, Function<MatchResult, String> with) {
		return pattern.matcher(text).replaceAll((result) -> Matcher.quoteReplacement(with.apply(result)));
	}

}
