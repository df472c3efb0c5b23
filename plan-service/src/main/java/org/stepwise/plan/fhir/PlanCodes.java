package org.stepwise.plan.fhir;

import java.util.Date;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;

import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.fhir.ProgramExtension;
import org.stepwise.fhir.SecurityLabels;
import org.stepwise.plan.plans.domain.PlanVersion;

/**
 * The systems and codes plan-service's FHIR resources use: Stepwise's canonical base (as
 * assessment-service's questionnaires), the ASAM levels of care (the edition as the
 * coding's version) and the plan phases; 42 CFR Part 2 data carries the shared
 * {@link SecurityLabels}. Pure: no Spring, no I/O.
 */
public final class PlanCodes {

	public static final String BASE = "https://stepwise.example/fhir";

	/**
	 * ASAM level of care codes (1.0, 2.1, 2.5); {@code Coding.version} is the edition.
	 */
	public static final String ASAM_LEVEL = BASE + "/CodeSystem/asam-level";

	/**
	 * Where a patient stands: IOP, AFTERCARE, CLOSED (docs/clinical-rules.md section 8).
	 */
	public static final String PLAN_PHASE = BASE + "/CodeSystem/plan-phase";

	/**
	 * The program a resource belongs to (as assessment-service's QuestionnaireResponses).
	 */
	public static final String PROGRAM_EXTENSION = ProgramExtension.URL;

	/** Program ids, for a reference by identifier (Stepwise serves no Organization). */
	public static final String PROGRAM_IDS = BASE + "/sid/program";

	/** The JSON API's plan ids ({@code plan-<patientId>}). */
	public static final String PLAN_IDS = BASE + "/sid/plan";

	public static final String UCUM = "http://unitsofmeasure.org";

	private PlanCodes() {
	}

	/** The level's name in its edition (docs/clinical-rules.md section 1). */
	public static String levelName(LevelOfCare level) {
		return switch (level.code()) {
			case "1.0" -> "Outpatient (OP)";
			case "2.1" -> "Intensive outpatient (IOP)";
			case "2.5" -> (level.edition() >= 4) ? "High-intensity outpatient" : "Partial hospitalization (PHP)";
			default -> "Level " + level.code();
		};
	}

	public static CodeableConcept level(LevelOfCare level) {
		Coding coding = new Coding(ASAM_LEVEL, level.code(), levelName(level))
			.setVersion(Integer.toString(level.edition()));
		return new CodeableConcept(coding)
			.setText("ASAM " + level.code() + " " + levelName(level) + ", " + edition(level) + " edition");
	}

	public static CodeableConcept phase(PlanPhase phase) {
		String display = switch (phase) {
			case IOP -> "In treatment";
			case AFTERCARE -> "Aftercare";
			case CLOSED -> "Closed";
		};
		return new CodeableConcept(new Coding(PLAN_PHASE, phase.name(), display)).setText(display);
	}

	/**
	 * The version's metadata: the plan version as {@code versionId}, when it was made as
	 * {@code lastUpdated}, and, for 42 CFR Part 2 data, its labels.
	 */
	static Meta meta(PlanVersion version, boolean part2) {
		Meta meta = new Meta().setVersionId(Integer.toString(version.version()))
			.setLastUpdated(Date.from(version.occurredAt()));
		if (part2) {
			SecurityLabels.part2(meta);
		}
		return meta;
	}

	private static String edition(LevelOfCare level) {
		return switch (level.edition()) {
			case 3 -> "3rd";
			case 4 -> "4th";
			default -> level.edition() + "th";
		};
	}

}
