package org.stepwise.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

import org.stepwise.contracts.Identifiers;

/**
 * The parameters every Stepwise search shares, read and checked: {@code patient}
 * (required), {@code _lastUpdated} (repeatable, with a prefix {@code eq ge gt le lt}),
 * {@code _count} (1-100, default 20) and {@code _offset}. Pure: no Spring, no I/O.
 */
public record FhirSearch(String patientId, List<Predicate<Instant>> lastUpdated, int count, int offset) {

	public static final int DEFAULT_COUNT = 20;

	public static final int MAX_COUNT = 100;

	/**
	 * @throws FhirRejection (400) naming every parameter at fault, never its value
	 */
	public static FhirSearch of(@Nullable String patient, @Nullable List<String> lastUpdated, @Nullable String count,
			@Nullable String offset) {
		List<FhirIssue> issues = new ArrayList<>();
		FhirSearch search = of(patient, lastUpdated, count, offset, issues);
		refuseIfAny(issues);
		return search;
	}

	/**
	 * Reads the shared parameters, adding what is wrong to {@code issues} (for a search
	 * with parameters of its own, which then calls {@link #refuseIfAny}).
	 */
	public static FhirSearch of(@Nullable String patient, @Nullable List<String> lastUpdated, @Nullable String count,
			@Nullable String offset, List<FhirIssue> issues) {
		String patientId = "";
		if (patient == null || patient.isBlank()) {
			issues.add(FhirIssue.required("", "the search parameter patient is required"));
		}
		else {
			patientId = patient.startsWith("Patient/") ? patient.substring("Patient/".length()) : patient;
			if (!Identifiers.isValid(patientId)) {
				issues.add(FhirIssue.value("", "the search parameter patient must be Patient/<id> or <id>, the id "
						+ "matching " + Identifiers.PATTERN));
			}
		}
		List<Predicate<Instant>> updated = new ArrayList<>();
		for (String bound : (lastUpdated == null) ? List.<String>of() : lastUpdated) {
			Predicate<Instant> predicate = lastUpdated(bound);
			if (predicate == null) {
				issues.add(FhirIssue.value("", "the search parameter _lastUpdated must be a prefix (eq, ge, gt, le, "
						+ "lt) and a date or a dateTime with a time zone"));
			}
			else {
				updated.add(predicate);
			}
		}
		int size = number(count, DEFAULT_COUNT, 1, MAX_COUNT, "_count", issues);
		int skip = number(offset, 0, 0, Integer.MAX_VALUE, "_offset", issues);
		return new FhirSearch(patientId, List.copyOf(updated), size, skip);
	}

	/**
	 * @throws FhirRejection (400) if any issue was found
	 */
	public static void refuseIfAny(List<FhirIssue> issues) {
		if (!issues.isEmpty()) {
			throw new FhirRejection(HttpStatus.BAD_REQUEST, "invalid_search", issues);
		}
	}

	/** Whether a resource last updated at this instant matches _lastUpdated. */
	public boolean updated(Instant lastUpdated) {
		return this.lastUpdated.stream().allMatch((predicate) -> predicate.test(lastUpdated));
	}

	private static @Nullable Predicate<Instant> lastUpdated(String bound) {
		boolean prefixed = bound.length() > 2 && Character.isLetter(bound.charAt(0));
		String prefix = prefixed ? bound.substring(0, 2) : "eq";
		String value = bound.substring(prefixed ? 2 : 0);
		Instant from;
		Instant until;
		try {
			if (value.length() == 10) {
				LocalDate day = LocalDate.parse(value);
				from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
				until = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			else {
				from = OffsetDateTime.parse(value).toInstant();
				until = from.plusSeconds(1);
			}
		}
		catch (DateTimeParseException ex) {
			return null;
		}
		Instant start = from;
		Instant end = until;
		return switch (prefix) {
			case "eq" -> (t) -> !t.isBefore(start) && t.isBefore(end);
			case "ge" -> (t) -> !t.isBefore(start);
			case "gt" -> (t) -> !t.isBefore(end);
			case "le" -> (t) -> t.isBefore(end);
			case "lt" -> (t) -> t.isBefore(start);
			default -> null;
		};
	}

	private static int number(@Nullable String text, int fallback, int min, int max, String name,
			List<FhirIssue> issues) {
		if (text == null) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text);
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		issues.add(FhirIssue.value("", "the search parameter " + name + " must be a whole number from " + min
				+ ((max == Integer.MAX_VALUE) ? "" : " to " + max)));
		return fallback;
	}

}
