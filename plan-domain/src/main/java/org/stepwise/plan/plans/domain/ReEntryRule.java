package org.stepwise.plan.plans.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.plan.progress.domain.Assessment;
import org.stepwise.plan.progress.domain.CheckInMark;
import org.stepwise.plan.progress.domain.Projection;
import org.stepwise.plan.progress.domain.ScoreMark;

/**
 * The re-entry signal of aftercare (docs/clinical-rules.md section 8), S17, kind
 * {@code RE_ENTRY}, HIGH: any of use reported (a check-in's use answer or a drug screen
 * that counts as use, within the use window), the early warning at HIGH, the latest PHQ-9
 * at {@code phq9AtLeast} (15, moderately severe) or more, or a safety signal (S1, S2).
 * Only what happened since the discharge counts: aftercare starts clean. It recommends a
 * return to IOP. Pure.
 */
public final class ReEntryRule {

	public static final String ID = "S17";

	public static final String KIND = "RE_ENTRY";

	/** The published PHQ-9 cut-off: 15, moderately severe (Kroenke 2001). */
	public static final int PHQ9_AT_LEAST = 15;

	private ReEntryRule() {
	}

	/**
	 * @param since the first day of aftercare
	 * @param useWindowDays how far back reported use counts (the S6 window)
	 * @param earlyWarning the early-warning level now (null without one)
	 */
	public static Optional<SignalFired> evaluate(Projection projection, Assessment assessment,
			@Nullable LapseRiskLevel earlyWarning, LocalDate since, int useWindowDays, int phq9AtLeast, ZoneId zone,
			Instant now) {
		Instant start = since.atStartOfDay(zone).toInstant();
		Instant useFrom = LocalDate.ofInstant(now, zone).minusDays(useWindowDays - 1L).atStartOfDay(zone).toInstant();
		Instant from = start.isAfter(useFrom) ? start : useFrom;
		List<String> evidence = new ArrayList<>();
		Map<String, String> values = new LinkedHashMap<>();
		List<Instant> times = new ArrayList<>();
		Optional<Instant> use = useReported(projection, from, now);
		use.ifPresent((at) -> {
			LocalDate day = LocalDate.ofInstant(at, zone);
			evidence.add("use reported on " + day);
			values.put("useOn", day.toString());
			times.add(at);
		});
		projection.scores()
			.stream()
			.filter((s) -> s.instrument() == Instrument.PHQ9 && s.total() != null && !s.occurredAt().isBefore(start))
			.max(Comparator.comparing(ScoreMark::occurredAt))
			.filter((latest) -> latest.total() >= phq9AtLeast)
			.ifPresent((latest) -> {
				evidence.add("PHQ-9 " + latest.total() + " on " + LocalDate.ofInstant(latest.occurredAt(), zone));
				values.put("phq9", latest.total().toString());
				times.add(latest.occurredAt());
			});
		if (earlyWarning == LapseRiskLevel.HIGH) {
			evidence.add("early warning HIGH");
			values.put("earlyWarning", earlyWarning.name());
			times.add(now);
		}
		for (String safety : List.of("S1", "S2")) {
			assessment.signal(safety).filter((s) -> !s.since().isBefore(start)).ifPresent((s) -> {
				evidence.add("safety: " + s.evidence());
				values.put("safety", s.id());
				times.add(s.since());
			});
		}
		if (evidence.isEmpty()) {
			return Optional.empty();
		}
		values.put("aftercareSince", since.toString());
		return Optional.of(new SignalFired(ID, KIND, Severity.HIGH,
				"in aftercare since " + since + ": " + String.join("; ", evidence) + "; return to IOP recommended",
				values, times.stream().min(Comparator.naturalOrder()).orElse(now)));
	}

	/** The latest use reported in {@code [from, now]}. */
	private static Optional<Instant> useReported(Projection projection, Instant from, Instant now) {
		List<Instant> uses = new ArrayList<>();
		for (CheckInMark checkIn : projection.checkIns()) {
			if (checkIn.used()) {
				uses.add(checkIn.occurredAt());
			}
		}
		for (ScoreMark score : projection.scores()) {
			if (score.instrument() == Instrument.UDS && score.countsAsUse()) {
				uses.add(score.occurredAt());
			}
		}
		return uses.stream().filter((at) -> !at.isBefore(from) && !at.isAfter(now)).max(Comparator.naturalOrder());
	}

}
