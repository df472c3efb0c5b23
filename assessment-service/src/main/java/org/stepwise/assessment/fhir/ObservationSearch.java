package org.stepwise.assessment.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Observation;
import org.jspecify.annotations.Nullable;

import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.fhir.FhirSearch;

/**
 * The parameters of an Observation search, read and checked: the shared ones
 * ({@link FhirSearch}: patient, _lastUpdated, _count, _offset) and {@code code} (a token:
 * {@code system|code} or {@code code}). Pure: no Spring, no I/O.
 */
public record ObservationSearch(FhirSearch common, @Nullable String codeSystem, @Nullable String code) {

	/**
	 * @throws FhirRejection (400) naming every parameter at fault, never its value
	 */
	public static ObservationSearch of(@Nullable String patient, @Nullable String code,
			@Nullable List<String> lastUpdated, @Nullable String count, @Nullable String offset) {
		List<FhirIssue> issues = new ArrayList<>();
		FhirSearch common = FhirSearch.of(patient, lastUpdated, count, offset, issues);
		FhirSearch.refuseIfAny(issues);
		String system = null;
		String value = code;
		if (code != null && code.contains("|")) {
			system = code.substring(0, code.indexOf('|'));
			value = code.substring(code.indexOf('|') + 1);
		}
		return new ObservationSearch(common, system, (value == null || value.isBlank()) ? null : value);
	}

	public String patientId() {
		return this.common.patientId();
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
		return this.common.updated(observation.getMeta().getLastUpdated().toInstant());
	}

}
