package org.stepwise.assessment.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;

import org.stepwise.assessment.assessment.SubmitAssessmentRequest;
import org.stepwise.assessment.checkin.SubmitCheckInRequest;
import org.stepwise.assessment.fhir.FhirQuestionnaires.Form;
import org.stepwise.assessment.instrument.Submission;
import org.stepwise.contracts.Identifiers;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.checkin.HighRiskCategory;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.fhir.ProgramExtension;

/**
 * A QuestionnaireResponse as the request the JSON API takes for it: an instrument's
 * {@link SubmitAssessmentRequest} or a {@link SubmitCheckInRequest}, so both APIs share
 * one scoring, one store and one event. Pure: no Spring, no I/O. Whatever cannot be
 * mapped is reported all at once, each issue naming its element by a FHIRPath expression
 * from {@code base} (the resource, or its place in a Bundle).
 */
public final class QuestionnaireResponseMapping {

	static final String ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

	private QuestionnaireResponseMapping() {
	}

	/**
	 * A mapped response, and where each field of its request came from, so a problem the
	 * scoring or the field checks find names the element it was sent in.
	 */
	public sealed interface Mapped permits Assessment, CheckIn {

		String patientId();

		String programId();

		Map<String, String> expressions();

		/**
		 * The element a request field came from (for {@code items.9}: item 9's answer),
		 * or where it was expected when it was not sent.
		 */
		default String expressionOf(String field) {
			String found = expressions().get(field);
			if (found != null) {
				return found;
			}
			int dot = field.indexOf('.');
			int bracket = field.indexOf('[');
			int end = (dot < 0) ? bracket : (bracket < 0 ? dot : Math.min(dot, bracket));
			String head = (end < 0) ? field : field.substring(0, end);
			return expressions().getOrDefault(head, expressions().getOrDefault("", "QuestionnaireResponse"));
		}

	}

	public record Assessment(SubmitAssessmentRequest request, Map<String, String> expressions) implements Mapped {

		@Override
		public String patientId() {
			return this.request.patientId();
		}

		@Override
		public String programId() {
			return this.request.programId();
		}

	}

	public record CheckIn(SubmitCheckInRequest request, Map<String, String> expressions) implements Mapped {

		@Override
		public String patientId() {
			return this.request.patientId();
		}

		@Override
		public String programId() {
			return this.request.programId();
		}

	}

	/**
	 * @param base the FHIRPath of the resource: {@code QuestionnaireResponse}, or
	 * {@code Bundle.entry[2].resource} in a transaction
	 * @param tokenProgram the caller's program when their token has exactly one: used
	 * when the response does not name one
	 * @throws FhirRejection (422) with every element that cannot be mapped
	 */
	public static Mapped map(QuestionnaireResponse response, String base, Optional<String> tokenProgram) {
		List<FhirIssue> issues = new ArrayList<>();
		Map<String, String> expressions = new HashMap<>();
		expressions.put("", base);
		Optional<Form> form = FhirQuestionnaires.byCanonical(response.getQuestionnaire());
		if (form.isEmpty()) {
			issues.add(response.hasQuestionnaire()
					? FhirIssue.notSupported(base + ".questionnaire",
							"is not a questionnaire Stepwise accepts (GET /fhir/r4/metadata lists them)")
					: FhirIssue.required(base + ".questionnaire", "is required: the questionnaire answered"));
		}
		if (response.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED) {
			issues.add(FhirIssue.value(base + ".status", "must be completed: only a completed response is scored"));
		}
		String patientId = patient(response, base, issues);
		expressions.put("patientId", base + ".subject");
		String programId = ProgramExtension.read(response, base, tokenProgram, "the patient's program", issues);
		expressions.put("programId", base + ".extension('" + FhirQuestionnaires.PROGRAM_EXTENSION + "')");
		Instant authored = authored(response, base, issues);
		expressions.put("occurredAt", base + ".authored");
		if (form.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		Answers answers = answers(response, form.get(), base, issues);
		answers.linkIds().forEach((id, expression) -> expressions.put(field(form.get(), id), expression));
		form.get()
			.items()
			.values()
			.stream()
			.distinct()
			.forEach((id) -> expressions.putIfAbsent(field(form.get(), id),
					base + ".repeat(item).where(" + linkIdTest(form.get(), id) + ")"));
		Mapped mapped = (form.get().instrument() != null)
				? assessment(form.get(), patientId, programId, authored, answers, base, issues, expressions)
				: checkIn(patientId, programId, authored, answers, base, issues, expressions);
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		return mapped;
	}

	private static String field(Form form, String itemId) {
		return (form.instrument() != null) ? "items." + itemId : itemId;
	}

	private static String linkIdTest(Form form, String itemId) {
		return String.join(" or ", form.linkIds(itemId).stream().sorted().map((id) -> "linkId='" + id + "'").toList());
	}

	private static @Nullable String patient(QuestionnaireResponse response, String base, List<FhirIssue> issues) {
		String reference = response.getSubject().getReference();
		if (reference == null || reference.isBlank()) {
			issues.add(FhirIssue.required(base + ".subject", "is required: a reference to the Patient"));
			return null;
		}
		String id = reference.startsWith("Patient/") ? reference.substring("Patient/".length()) : null;
		if (id == null || !Identifiers.isValid(id)) {
			issues.add(FhirIssue.value(base + ".subject.reference",
					"must be Patient/<id>, the id matching " + Identifiers.PATTERN));
			return null;
		}
		return id;
	}

	private static @Nullable Instant authored(QuestionnaireResponse response, String base, List<FhirIssue> issues) {
		if (!response.hasAuthored()) {
			issues.add(FhirIssue.required(base + ".authored", "is required: when the patient answered"));
			return null;
		}
		var authored = response.getAuthoredElement();
		if (authored.getPrecision().ordinal() < TemporalPrecisionEnum.SECOND.ordinal()
				|| authored.getTimeZone() == null) {
			issues.add(FhirIssue.value(base + ".authored", "must be a dateTime to the second with a time zone"));
			return null;
		}
		return authored.getValue().toInstant();
	}

	/** The answers by Stepwise item id, and each answered item's element. */
	private record Answers(Map<String, List<Type>> values, Map<String, String> linkIds) {
	}

	private static Answers answers(QuestionnaireResponse response, Form form, String base, List<FhirIssue> issues) {
		Answers answers = new Answers(new LinkedHashMap<>(), new LinkedHashMap<>());
		collect(response.getItem(), base, form, answers, issues);
		return answers;
	}

	/** Items in groups are read too: LHC-Forms nests a panel's items in a group. */
	private static void collect(List<QuestionnaireResponseItemComponent> items, String path, Form form, Answers answers,
			List<FhirIssue> issues) {
		for (int i = 0; i < items.size(); i++) {
			QuestionnaireResponseItemComponent item = items.get(i);
			String at = path + ".item[" + i + "]";
			if (item.hasItem()) {
				collect(item.getItem(), at, form, answers, issues);
			}
			if (!item.hasAnswer() || item.getLinkId() == null || form.isTotal(item.getLinkId())) {
				continue;
			}
			Optional<String> id = form.itemId(item.getLinkId());
			if (id.isEmpty() && form.instrument() == Instrument.AUDITC && item.getLinkId().equals("sex")) {
				id = Optional.of("sex");
			}
			if (id.isEmpty()) {
				issues.add(FhirIssue.invalid(at + ".linkId", "is not an item of this questionnaire"));
				continue;
			}
			if (answers.values().containsKey(id.get())) {
				issues.add(FhirIssue.invalid(at, "answers an item already answered"));
				continue;
			}
			List<Type> values = new ArrayList<>();
			for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
				values.add(answer.getValue());
			}
			answers.values().put(id.get(), values);
			answers.linkIds().put(id.get(), at + ".answer[0]");
		}
	}

	private static Mapped assessment(Form form, String patientId, String programId, Instant authored, Answers answers,
			String base, List<FhirIssue> issues, Map<String, String> expressions) {
		Map<String, Integer> items = new HashMap<>();
		Submission.Sex sex = null;
		for (Map.Entry<String, List<Type>> answer : answers.values().entrySet()) {
			String at = answers.linkIds().get(answer.getKey());
			if (answer.getValue().size() != 1) {
				issues.add(FhirIssue.invalid(at, "must have exactly one answer"));
				continue;
			}
			Type value = answer.getValue().get(0);
			if (answer.getKey().equals("sex")) {
				sex = sex(value, at, issues);
				expressions.put("sex", at);
				continue;
			}
			Integer score = score(value);
			if (score == null) {
				issues.add(FhirIssue.value(at, "must be valueInteger, valueBoolean (no = 0, yes = 1), or valueCoding "
						+ "with a LOINC answer code or an ordinalValue"));
				continue;
			}
			items.put(answer.getKey(), score);
		}
		if (form.instrument() == Instrument.AUDITC) {
			expressions.putIfAbsent("sex", base + ".repeat(item).where(linkId='sex')");
		}
		return new Assessment(
				new SubmitAssessmentRequest(patientId, programId, form.instrument(), authored, items, null, sex),
				Map.copyOf(expressions));
	}

	private static Submission.@Nullable Sex sex(Type value, String at, List<FhirIssue> issues) {
		String code = (value instanceof Coding coding) ? coding.getCode()
				: (value instanceof StringType string) ? string.getValue() : null;
		if ("male".equalsIgnoreCase(code)) {
			return Submission.Sex.MALE;
		}
		if ("female".equalsIgnoreCase(code)) {
			return Submission.Sex.FEMALE;
		}
		issues.add(FhirIssue.value(at, "must be valueCoding male or female (administrative-gender)"));
		return null;
	}

	/** An answer's score: an integer, a boolean, a LOINC answer or an ordinal value. */
	private static @Nullable Integer score(@Nullable Type value) {
		if (value instanceof IntegerType integer) {
			return integer.getValue();
		}
		if (value instanceof BooleanType yesNo && yesNo.getValue() != null) {
			return yesNo.getValue() ? 1 : 0;
		}
		if (value instanceof Coding coding) {
			Extension ordinal = coding.getExtensionByUrl(ORDINAL_VALUE);
			if (ordinal != null && ordinal.getValue() instanceof DecimalType decimal && decimal.getValue() != null
					&& decimal.getValue().stripTrailingZeros().scale() <= 0) {
				return decimal.getValue().intValueExact();
			}
			if (FhirQuestionnaires.LOINC.equals(coding.getSystem())) {
				return FhirQuestionnaires.HOW_OFTEN_ANSWERS.get(coding.getCode());
			}
		}
		return null;
	}

	private static Mapped checkIn(String patientId, String programId, Instant authored, Answers answers, String base,
			List<FhirIssue> issues, Map<String, String> expressions) {
		Map<String, List<Type>> values = answers.values();
		List<String> substances = new ArrayList<>();
		for (Type value : values.getOrDefault("substances", List.of())) {
			String name = (value instanceof StringType string) ? string.getValue() : (value instanceof Coding coding)
					? (coding.hasDisplay() ? coding.getDisplay() : coding.getCode()) : null;
			if (name == null) {
				issues.add(FhirIssue.value(expressions.get("substances"), "must be valueString or valueCoding"));
			}
			else {
				substances.add(name);
			}
		}
		HighRiskCategory category = null;
		Type categoryValue = single(values, "highRiskCategory", expressions, issues);
		if (categoryValue != null) {
			String code = (categoryValue instanceof Coding coding) ? coding.getCode()
					: (categoryValue instanceof StringType string) ? string.getValue() : null;
			category = Arrays.stream(HighRiskCategory.values())
				.filter((c) -> c.name().equals(code))
				.findFirst()
				.orElse(null);
			if (category == null) {
				issues.add(FhirIssue.value(expressions.get("highRiskCategory"),
						"must be valueCoding with one of " + Arrays.toString(HighRiskCategory.values())));
			}
		}
		// the field checks (ranges, required items, use with substances) are the JSON
		// API's:
		// the controller runs them on this request
		expressions.put("substancesConsistent",
				expressions.getOrDefault("substances", expressions.get("usedSinceLastCheckIn")));
		expressions.put("highRiskCategoryConsistent", expressions.get("highRiskCategory"));
		return new CheckIn(new SubmitCheckInRequest(patientId, programId, authored,
				integer(values, "mood", expressions, issues), integer(values, "craving", expressions, issues),
				bool(values, "usedSinceLastCheckIn", expressions, issues), substances,
				decimal(values, "sleepHours", expressions, issues), integer(values, "stress", expressions, issues),
				bool(values, "medicationTakenAsPrescribed", expressions, issues),
				integer(values, "confidence", expressions, issues),
				bool(values, "highRiskSituation", expressions, issues), category), Map.copyOf(expressions));
	}

	private static @Nullable Type single(Map<String, List<Type>> values, String item, Map<String, String> expressions,
			List<FhirIssue> issues) {
		List<Type> answers = values.get(item);
		if (answers == null) {
			return null;
		}
		if (answers.size() != 1) {
			issues.add(FhirIssue.invalid(expressions.get(item), "must have exactly one answer"));
			return null;
		}
		return answers.get(0);
	}

	private static @Nullable Integer integer(Map<String, List<Type>> values, String item,
			Map<String, String> expressions, List<FhirIssue> issues) {
		Type value = single(values, item, expressions, issues);
		if (value == null) {
			return null;
		}
		if (value instanceof IntegerType integer) {
			return integer.getValue();
		}
		issues.add(FhirIssue.value(expressions.get(item), "must be valueInteger"));
		return null;
	}

	private static @Nullable Boolean bool(Map<String, List<Type>> values, String item, Map<String, String> expressions,
			List<FhirIssue> issues) {
		Type value = single(values, item, expressions, issues);
		if (value == null) {
			return null;
		}
		if (value instanceof BooleanType yesNo) {
			return yesNo.getValue();
		}
		issues.add(FhirIssue.value(expressions.get(item), "must be valueBoolean"));
		return null;
	}

	private static @Nullable BigDecimal decimal(Map<String, List<Type>> values, String item,
			Map<String, String> expressions, List<FhirIssue> issues) {
		Type value = single(values, item, expressions, issues);
		if (value == null) {
			return null;
		}
		if (value instanceof DecimalType decimal) {
			return decimal.getValue();
		}
		if (value instanceof IntegerType integer && integer.getValue() != null) {
			return BigDecimal.valueOf(integer.getValue());
		}
		issues.add(FhirIssue.value(expressions.get(item), "must be valueDecimal or valueInteger"));
		return null;
	}

}
