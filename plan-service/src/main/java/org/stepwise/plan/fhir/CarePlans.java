package org.stepwise.plan.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Timing;

import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.plan.plans.domain.Bounds;
import org.stepwise.plan.plans.domain.PlanVersion;

/**
 * A version of a patient's treatment plan as an R4 {@code CarePlan}. One plan per
 * patient, so the resource's id is the patient's id, and the plan's versions are the
 * resource's ({@code meta.versionId}, {@code meta.lastUpdated} when it was made). Status
 * {@code active} in treatment and in aftercare, {@code completed} once closed; intent
 * {@code plan}; the phase as the category. The intensity is the first activity: the ASAM
 * level as its code, the weekly hours as a quantity ({@code h/wk}), the sessions a week
 * as the timing; each modality (the session mix) is an activity of its own; after
 * discharge these are {@code completed} and an aftercare activity follows from the
 * discharge day. The version's reasons (who or what changed it, and why) are its notes.
 * Pure: no Spring, no I/O.
 */
public final class CarePlans {

	private CarePlans() {
	}

	public static CarePlan of(String patientId, String programId, PlanVersion plan, boolean part2) {
		CarePlan carePlan = new CarePlan();
		carePlan.setId(patientId);
		carePlan.setMeta(PlanCodes.meta(plan, part2));
		carePlan.addExtension(PlanCodes.PROGRAM_EXTENSION, new StringType(programId));
		carePlan.addIdentifier(new Identifier().setSystem(PlanCodes.PLAN_IDS).setValue("plan-" + patientId));
		carePlan.setStatus(plan.closed() ? CarePlan.CarePlanStatus.COMPLETED : CarePlan.CarePlanStatus.ACTIVE);
		carePlan.setIntent(CarePlan.CarePlanIntent.PLAN);
		carePlan.addCategory(PlanCodes.phase(plan.phase()));
		carePlan.setTitle("Treatment plan");
		carePlan.setDescription(description(plan));
		carePlan.setSubject(new Reference("Patient/" + patientId));
		Period period = new Period().setStartElement(day(plan.startDate()));
		if (plan.closed()) {
			period.setEndElement(day(plan.phaseStart()));
		}
		carePlan.setPeriod(period);
		CarePlanActivityStatus treatment = plan.inTreatment() ? CarePlanActivityStatus.INPROGRESS
				: CarePlanActivityStatus.COMPLETED;
		carePlan.addActivity().setDetail(intensity(plan, treatment));
		for (String modality : plan.modalities()) {
			carePlan.addActivity()
				.setDetail(new CarePlanActivityDetailComponent().setStatus(treatment)
					.setCode(new CodeableConcept().setText(modality))
					.setDescription("Session modality: " + modality));
		}
		if (!plan.inTreatment()) {
			carePlan.addActivity()
				.setDetail(new CarePlanActivityDetailComponent()
					.setStatus(
							plan.inAftercare() ? CarePlanActivityStatus.INPROGRESS : CarePlanActivityStatus.COMPLETED)
					.setCode(PlanCodes.phase(PlanPhase.AFTERCARE))
					.setDescription("Aftercare: check-ins and check-ups after discharge")
					.setScheduled(aftercarePeriod(plan)));
		}
		for (Reason reason : plan.reasons()) {
			carePlan.addNote(new Annotation().setText(note(plan, reason))
				.setAuthor(new StringType(plan.changedBy()))
				.setTime(Date.from(plan.occurredAt())));
		}
		return carePlan;
	}

	/** The level, hours a week and sessions a week. */
	private static CarePlanActivityDetailComponent intensity(PlanVersion plan, CarePlanActivityStatus status) {
		Timing timing = new Timing();
		timing.getRepeat().setFrequency(plan.sessionsPerWeek()).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.WK);
		CarePlanActivityDetailComponent detail = new CarePlanActivityDetailComponent().setStatus(status)
			.setCode(PlanCodes.level(plan.levelOfCare()))
			.setScheduled(timing)
			.setDescription(hours(plan.weeklyHours()) + " hours a week in " + plan.sessionsPerWeek() + " session"
					+ ((plan.sessionsPerWeek() == 1) ? "" : "s") + ", ASAM " + plan.levelOfCare().code() + " since "
					+ plan.levelSince());
		detail.getQuantity()
			.setValue(plan.weeklyHours())
			.setUnit("hours per week")
			.setSystem(PlanCodes.UCUM)
			.setCode("h/wk");
		return detail;
	}

	private static Period aftercarePeriod(PlanVersion plan) {
		// from the discharge day; a closed plan's phase began at its closure, which ends
		// the aftercare (its discharge day is an earlier version's, see the episode)
		Period period = new Period();
		if (plan.inAftercare()) {
			period.setStartElement(day(plan.phaseStart()));
		}
		else {
			period.setEndElement(day(plan.phaseStart()));
		}
		return period;
	}

	/**
	 * The plan in words: level, intensity, modalities, phase, and the settings that
	 * govern automatic changes (mode, lock, bounds).
	 */
	static String description(PlanVersion plan) {
		List<String> parts = new ArrayList<>();
		parts.add("ASAM " + plan.levelOfCare().code() + " " + PlanCodes.levelName(plan.levelOfCare()) + ", "
				+ hours(plan.weeklyHours()) + " hours a week in " + plan.sessionsPerWeek() + " session"
				+ ((plan.sessionsPerWeek() == 1) ? "" : "s"));
		if (!plan.modalities().isEmpty()) {
			parts.add("modalities: " + String.join(", ", plan.modalities()));
		}
		if (plan.adolescent()) {
			parts.add("adolescent hour bands");
		}
		switch (plan.phase()) {
			case IOP -> parts.add("in treatment since " + plan.phaseStart());
			case AFTERCARE -> parts.add("discharged to aftercare on " + plan.phaseStart());
			case CLOSED -> parts.add("closed on " + plan.phaseStart());
		}
		parts.add((plan.mode() == PlanMode.RECOMMEND_ONLY) ? "changes recommended, decided by the care team"
				: "changes automatic within the guardrails");
		if (plan.locked()) {
			parts.add("locked against automatic changes");
		}
		Bounds bounds = plan.bounds();
		if (bounds.minHours() != null || bounds.maxHours() != null) {
			parts.add("automatic changes stay within " + ((bounds.minHours() != null) ? hours(bounds.minHours()) : "0")
					+ "-" + ((bounds.maxHours() != null) ? hours(bounds.maxHours()) : "any") + " hours a week");
		}
		return String.join("; ", parts);
	}

	private static String note(PlanVersion plan, Reason reason) {
		String evidence = (reason.evidence() == null || reason.evidence().isBlank()) ? "" : ": " + reason.evidence();
		return "Version " + plan.version() + " ("
				+ String.valueOf(plan.direction()).toLowerCase(Locale.ROOT).replace('_', ' ') + ", by "
				+ plan.changedBy() + "), " + reason.code() + evidence;
	}

	private static String hours(BigDecimal hours) {
		return hours.stripTrailingZeros().toPlainString();
	}

	private static DateTimeType day(LocalDate day) {
		return new DateTimeType(day.toString());
	}

}
