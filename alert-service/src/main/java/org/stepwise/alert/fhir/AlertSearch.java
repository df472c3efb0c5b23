package org.stepwise.alert.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Task;
import org.jspecify.annotations.Nullable;

import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirSearch;

/**
 * The parameters of a Task or Flag search, read and checked: the shared ones
 * ({@link FhirSearch}: {@code patient}, {@code _lastUpdated}, {@code _count},
 * {@code _offset}) and {@code status}, a token of the resource's status codes
 * (repeatable, comma-separated values are alternatives, a system before {@code |}
 * ignored); no status: every status. Pure: no Spring, no I/O.
 *
 * @param statuses the status codes asked for; empty for all
 */
public record AlertSearch(FhirSearch search, Set<String> statuses) {

	/**
	 * @throws org.stepwise.fhir.FhirRejection (400) naming every parameter at fault,
	 * never its value
	 */
	public static AlertSearch tasks(@Nullable String patient, @Nullable List<String> status,
			@Nullable List<String> lastUpdated, @Nullable String count, @Nullable String offset) {
		return of(patient, status, lastUpdated, count, offset, (code) -> Task.TaskStatus.fromCode(code).toCode(),
				"Task status codes (requested, accepted, completed, cancelled...)");
	}

	/**
	 * @throws org.stepwise.fhir.FhirRejection (400) naming every parameter at fault,
	 * never its value
	 */
	public static AlertSearch flags(@Nullable String patient, @Nullable List<String> status,
			@Nullable List<String> lastUpdated, @Nullable String count, @Nullable String offset) {
		return of(patient, status, lastUpdated, count, offset, (code) -> Flag.FlagStatus.fromCode(code).toCode(),
				"Flag status codes (active, inactive)");
	}

	/** Whether a resource of this status code matches. */
	public boolean status(String code) {
		return this.statuses.isEmpty() || this.statuses.contains(code);
	}

	private static AlertSearch of(@Nullable String patient, @Nullable List<String> status,
			@Nullable List<String> lastUpdated, @Nullable String count, @Nullable String offset,
			Function<String, String> known, String expected) {
		List<FhirIssue> issues = new ArrayList<>();
		FhirSearch search = FhirSearch.of(patient, lastUpdated, count, offset, issues);
		Set<String> statuses = new LinkedHashSet<>();
		boolean wrong = false;
		for (String values : (status == null) ? List.<String>of() : status) {
			for (String value : values.split(",", -1)) {
				String code = value.substring(value.indexOf('|') + 1).trim();
				try {
					statuses.add(known.apply(code));
				}
				catch (RuntimeException ex) {
					// reported once below, without the value
					wrong = true;
				}
			}
		}
		if (wrong) {
			issues.add(FhirIssue.value("",
					"the search parameter status must be one or more " + expected + ", separated by commas"));
		}
		FhirSearch.refuseIfAny(issues);
		return new AlertSearch(search, Set.copyOf(statuses));
	}

}
