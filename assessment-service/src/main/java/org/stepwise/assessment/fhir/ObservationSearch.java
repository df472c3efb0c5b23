package org.stepwise.assessment.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import org.hl7.fhir.r4.model.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

import org.stepwise.contracts.Identifiers;

/**
 * The parameters of an Observation search, read and checked: {@code patient} (required),
 * {@code code} (a token: {@code system|code} or {@code code}), {@code _lastUpdated}
 * (repeatable, with a prefix {@code eq ge gt le lt}), {@code _count} (1-100, default 20)
 * and {@code _offset}. Pure: no Spring, no I/O.
 */
public record ObservationSearch(String patientId, @Nullable String codeSystem, @Nullable String code,
		List<Predicate<Instant>> lastUpdated, int count, int offset) {

	public static final int DEFAULT_COUNT = 20;

	public static final int MAX_COUNT = 100;

	/**
	 * @throws FhirRejection (400) naming every parameter at fault, never its value
	 */
	public static ObservationSearch of(@Nullable String patient, @Nullable String code,
			@Nullable List<String> lastUpdated, @Nullable String count, @Nullable String offset) {
		List<FhirIssue> issues = new ArrayList<>();
		String patientId = null;
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
		String system = null;
		String value = code;
		if (code != null && code.contains("|")) {
			system = code.substring(0, code.indexOf('|'));
			value = code.substring(code.indexOf('|') + 1);
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
		if (!issues.isEmpty()) {
			throw new FhirRejection(HttpStatus.BAD_REQUEST, "invalid_search", issues);
		}
		return new ObservationSearch(patientId, system, (value == null || value.isBlank()) ? null : value, updated,
				size, skip);
	}

	/**
	 * Whether an Observation matches the code (any of its codings) and _lastUpdated.
	 */
	public boolean matches(Observation observation) {
		if (this.code != null && observation.getCode()
			.getCoding()
			.stream()
			.noneMatch((coding) -> this.code.equals(coding.getCode())
					&& (this.codeSystem == null || this.codeSystem.equals(coding.getSystem())))) {
			return false;
		}
		Instant updated = observation.getMeta().getLastUpdated().toInstant();
		return this.lastUpdated.stream().allMatch((predicate) -> predicate.test(updated));
	}

	/** The order pages are cut in: by _lastUpdated, then id, so paging is stable. */
	public static final Comparator<Observation> ORDER = Comparator
		.comparing((Observation observation) -> observation.getMeta().getLastUpdated())
		.thenComparing(Observation::getIdPart);

	private static @Nullable Predicate<Instant> lastUpdated(String bound) {
		String prefix = (bound.length() > 2 && Character.isLetter(bound.charAt(0))) ? bound.substring(0, 2) : "eq";
		String value = bound.substring(bound.length() > 2 && Character.isLetter(bound.charAt(0)) ? 2 : 0);
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
