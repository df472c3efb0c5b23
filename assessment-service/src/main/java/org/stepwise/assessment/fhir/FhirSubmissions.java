package org.stepwise.assessment.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import org.stepwise.assessment.assessment.AssessmentService;
import org.stepwise.assessment.checkin.CheckInService;
import org.stepwise.assessment.fhir.QuestionnaireResponseMapping.Mapped;
import org.stepwise.fhir.FhirIdempotency;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.Role;
import org.stepwise.platform.web.RequestRejectedException;

/**
 * A QuestionnaireResponse mapped, checked with the JSON API's own field rules, and handed
 * to the JSON API's services: same access checks and audit, same scoring, same
 * idempotency, same store and events. Problems name the FHIR element they are about.
 */
@Component
class FhirSubmissions {

	private final AssessmentService assessments;

	private final CheckInService checkIns;

	private final Validator validator;

	FhirSubmissions(AssessmentService assessments, CheckInService checkIns, Validator validator) {
		this.assessments = assessments;
		this.checkIns = checkIns;
		this.validator = validator;
	}

	/** What was stored (or found stored, on a retry). */
	record Stored(String id, Instant recordedAt, boolean created) {
	}

	/**
	 * Mapped and checked, nothing stored yet.
	 * @throws FhirRejection (422) naming every element that is wrong
	 */
	Mapped check(Caller caller, QuestionnaireResponse response, String base) {
		Optional<String> tokenProgram = (caller.programs().size() == 1) ? caller.programs().stream().findFirst()
				: Optional.empty();
		Mapped mapped = QuestionnaireResponseMapping.map(response, base, tokenProgram);
		if (mapped instanceof QuestionnaireResponseMapping.Assessment) {
			requireIngest(caller);
		}
		Object request = switch (mapped) {
			case QuestionnaireResponseMapping.Assessment assessment -> assessment.request();
			case QuestionnaireResponseMapping.CheckIn checkIn -> checkIn.request();
		};
		Set<ConstraintViolation<Object>> violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			List<FhirIssue> issues = new ArrayList<>();
			violations.stream()
				.sorted(Comparator.comparing((v) -> v.getPropertyPath().toString()))
				.forEach((violation) -> {
					String field = violation.getPropertyPath().toString();
					issues.add(FhirIssue.invalid(mapped.expressionOf(field), violation.getMessage()));
				});
			throw FhirRejection.unprocessable(issues);
		}
		return mapped;
	}

	/**
	 * Whether {@link #submit} would take it, nothing stored: who sends it, its time, its
	 * responses. For a transaction, checked for every entry before any is stored.
	 * @throws FhirRejection naming the elements at fault
	 */
	void precheck(Caller caller, Mapped mapped) {
		refusingAsFhir(mapped, () -> {
			switch (mapped) {
				case QuestionnaireResponseMapping.Assessment assessment -> {
					requireIngest(caller);
					this.assessments.check(caller, assessment.request());
				}
				case QuestionnaireResponseMapping.CheckIn checkIn -> this.checkIns.check(caller, checkIn.request());
			}
			return null;
		});
	}

	/**
	 * Stored through the JSON API's service, the caller's key scoped to the FHIR endpoint
	 * ({@code scope}) so it never replays a JSON request's.
	 */
	Stored submit(Caller caller, Mapped mapped, @Nullable String callerKey, String scope) {
		String key = FhirIdempotency.scoped(callerKey, scope);
		return refusingAsFhir(mapped, () -> switch (mapped) {
			case QuestionnaireResponseMapping.Assessment assessment -> {
				requireIngest(caller);
				AssessmentService.Submitted submitted = this.assessments.submit(caller, assessment.request(), key);
				yield new Stored(submitted.assessment().id(), submitted.assessment().recordedAt(), submitted.created());
			}
			case QuestionnaireResponseMapping.CheckIn checkIn -> {
				CheckInService.Submitted submitted = this.checkIns.submit(caller, checkIn.request(), key);
				yield new Stored(submitted.checkIn().id(), submitted.checkIn().recordedAt(), submitted.created());
			}
		});
	}

	private static void requireIngest(Caller caller) {
		if (!caller.has(Role.INGEST)) {
			// as POST /api/v1/assessments: instruments come from ingest clients
			throw new AccessDeniedException("Instruments are submitted by ingest clients");
		}
	}

	/**
	 * The shared code's refusals, their fields named as the FHIR elements they came from.
	 */
	private static <T> T refusingAsFhir(Mapped mapped, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (RequestRejectedException ex) {
			if (ex.errors().isEmpty()) {
				throw ex;
			}
			throw new FhirRejection(ex.status(), ex.reason(), ex.errors()
				.stream()
				.map((problem) -> FhirIssue.invalid(mapped.expressionOf(problem.field()),
						problem.field().startsWith("items.")
								? "item " + problem.field().substring("items.".length()) + ": " + problem.message()
								: problem.message()))
				.toList());
		}
	}

}
