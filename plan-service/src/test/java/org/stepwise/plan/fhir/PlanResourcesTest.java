package org.stepwise.plan.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.Test;

import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.R4Validation;
import org.stepwise.fhir.SecurityLabels;
import org.stepwise.plan.plans.domain.Bounds;
import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.programs.Program;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan as CarePlan and EpisodeOfCare, through a treatment: enrolled at IOP, stepped
 * down to OP, discharged to aftercare, closed; each resource valid R4, Part 2 labelled
 * when asked, and which programs' plans are Part 2 data.
 */
class PlanResourcesTest {

	static final Instant ENROLLED = Instant.parse("2026-06-01T13:00:00Z");

	static final PlanVersion V1 = new PlanVersion(1, new LevelOfCare("2.1", 3), false, new BigDecimal("9"), 3,
			List.of("group", "individual"), List.of("clinician-a1"), PlanMode.AUTOMATIC, false, Bounds.NONE,
			LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-01"), ChangeDirection.ENROLLED, "admin-program-a",
			List.of(new Reason("ENROLLED", "enrolled", Map.of())), "rules-1", ENROLLED);

	static final PlanVersion V2 = V1.settings(false, new Bounds(new BigDecimal("6"), new BigDecimal("12")),
			V1.careTeam(), V1.mode(), V1.modalities(), "clinician-a1",
			List.of(new Reason("BOUNDS", "bounds set", Map.of())), "rules-1", Instant.parse("2026-06-03T10:00:00Z"));

	static final PlanVersion V3 = V2.next(new LevelOfCare("1.0", 3), LocalDate.parse("2026-07-20"),
			new BigDecimal("4.5"), 2, ChangeDirection.STEP_DOWN, PlanVersion.SYSTEM,
			List.of(new Reason("STEP_DOWN_READY", "criteria met for 14 days", Map.of())), "rules-1",
			Instant.parse("2026-07-20T06:00:00Z"));

	static final PlanVersion V4 = V3.inPhase(PlanPhase.AFTERCARE, LocalDate.parse("2026-08-10"), "clinician-a1",
			List.of(new Reason("DISCHARGE", "completed treatment", Map.of())), "rules-1",
			Instant.parse("2026-08-10T15:00:00Z"));

	static final PlanVersion V5 = V4.inPhase(PlanPhase.CLOSED, LocalDate.parse("2027-08-10"), PlanVersion.SYSTEM,
			List.of(new Reason("AFTERCARE_ENDED", "a year of aftercare", Map.of())), "rules-1",
			Instant.parse("2027-08-10T06:00:00Z"));

	@Test
	void theCurrentPlanIsAnActiveCarePlanWithItsIntensityAsActivities() {
		CarePlan plan = CarePlans.of("patient-42", "program-a", V1, false);

		assertThat(plan.getIdPart()).isEqualTo("patient-42");
		assertThat(plan.getMeta().getVersionId()).isEqualTo("1");
		assertThat(plan.getMeta().getLastUpdated().toInstant()).isEqualTo(ENROLLED);
		assertThat(plan.getMeta().getSecurity()).isEmpty();
		assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
		assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
		assertThat(plan.getSubject().getReference()).isEqualTo("Patient/patient-42");
		assertThat(plan.getIdentifierFirstRep().getValue()).isEqualTo("plan-patient-42");
		assertThat(plan.getExtensionByUrl(PlanCodes.PROGRAM_EXTENSION).getValue().primitiveValue())
			.isEqualTo("program-a");
		assertThat(plan.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-06-01");
		assertThat(plan.getPeriod().hasEnd()).isFalse();
		assertThat(plan.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("IOP");

		CarePlan.CarePlanActivityDetailComponent intensity = plan.getActivityFirstRep().getDetail();
		assertThat(intensity.getStatus()).isEqualTo(CarePlanActivityStatus.INPROGRESS);
		Coding level = intensity.getCode().getCodingFirstRep();
		assertThat(level.getSystem()).isEqualTo(PlanCodes.ASAM_LEVEL);
		assertThat(level.getCode()).isEqualTo("2.1");
		assertThat(level.getVersion()).isEqualTo("3");
		assertThat(level.getDisplay()).isEqualTo("Intensive outpatient (IOP)");
		Quantity hours = intensity.getQuantity();
		assertThat(hours.getValue()).isEqualByComparingTo("9");
		assertThat(hours.getSystem()).isEqualTo("http://unitsofmeasure.org");
		assertThat(hours.getCode()).isEqualTo("h/wk");
		Timing.TimingRepeatComponent repeat = intensity.getScheduledTiming().getRepeat();
		assertThat(repeat.getFrequency()).isEqualTo(3);
		assertThat(repeat.getPeriod()).isEqualByComparingTo("1");
		assertThat(repeat.getPeriodUnit()).isEqualTo(Timing.UnitsOfTime.WK);
		assertThat(plan.getActivity()).hasSize(3);
		assertThat(plan.getActivity().get(1).getDetail().getCode().getText()).isEqualTo("group");
		assertThat(plan.getDescription())
			.startsWith("ASAM 2.1 Intensive outpatient (IOP), 9 hours a week in 3 sessions");
		assertThat(plan.getNoteFirstRep().getText()).contains("Version 1 (enrolled, by admin-program-a)");
		assertValid(plan);
	}

	@Test
	void versionsCarryTheirGuardrailsStepsAndReasons() {
		CarePlan bounded = CarePlans.of("patient-42", "program-a", V2, false);
		CarePlan steppedDown = CarePlans.of("patient-42", "program-a", V3, false);

		assertThat(bounded.getMeta().getVersionId()).isEqualTo("2");
		assertThat(bounded.getDescription()).contains("automatic changes stay within 6-12 hours a week");
		assertThat(steppedDown.getActivityFirstRep().getDetail().getCode().getCodingFirstRep().getCode())
			.isEqualTo("1.0");
		assertThat(steppedDown.getActivityFirstRep().getDetail().getQuantity().getValue()).isEqualByComparingTo("4.5");
		assertThat(steppedDown.getNoteFirstRep().getText())
			.isEqualTo("Version 3 (step down, by system), STEP_DOWN_READY: criteria met for 14 days");
		assertThat(steppedDown.getMeta().getLastUpdated().toInstant()).isEqualTo(V3.occurredAt());
		assertValid(bounded);
		assertValid(steppedDown);
	}

	@Test
	void afterDischargeTheTreatmentIsCompletedAndAftercareFollowsUntilClosed() {
		CarePlan aftercare = CarePlans.of("patient-42", "program-a", V4, false);
		CarePlan closed = CarePlans.of("patient-42", "program-a", V5, false);

		assertThat(aftercare.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
		assertThat(aftercare.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("AFTERCARE");
		assertThat(aftercare.getActivity()).extracting((a) -> a.getDetail().getStatus())
			.containsExactly(CarePlanActivityStatus.COMPLETED, CarePlanActivityStatus.COMPLETED,
					CarePlanActivityStatus.COMPLETED, CarePlanActivityStatus.INPROGRESS);
		assertThat(
				aftercare.getActivity().getLast().getDetail().getScheduledPeriod().getStartElement().getValueAsString())
			.isEqualTo("2026-08-10");
		assertThat(closed.getStatus()).isEqualTo(CarePlan.CarePlanStatus.COMPLETED);
		assertThat(closed.getPeriod().getEndElement().getValueAsString()).isEqualTo("2027-08-10");
		assertThat(closed.getActivity().getLast().getDetail().getStatus()).isEqualTo(CarePlanActivityStatus.COMPLETED);
		assertValid(aftercare);
		assertValid(closed);
	}

	@Test
	void theEpisodeIsActiveInTreatmentAndFinishedFromTheDischarge() {
		EpisodeOfCare active = EpisodesOfCare.of("patient-42", "program-a", List.of(V1, V2, V3), false);
		EpisodeOfCare finished = EpisodesOfCare.of("patient-42", "program-a", List.of(V1, V2, V3, V4, V5), false);

		assertThat(active.getIdPart()).isEqualTo("patient-42");
		assertThat(active.getStatus()).isEqualTo(EpisodeOfCareStatus.ACTIVE);
		assertThat(active.getPatient().getReference()).isEqualTo("Patient/patient-42");
		assertThat(active.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("1.0");
		assertThat(active.getType().get(1).getCodingFirstRep().getCode()).isEqualTo("IOP");
		assertThat(active.getManagingOrganization().getIdentifier().getValue()).isEqualTo("program-a");
		// the step down changed the episode; the bounds did not
		assertThat(active.getMeta().getVersionId()).isEqualTo("3");
		assertThat(EpisodesOfCare.of("patient-42", "program-a", List.of(V1, V2), false).getMeta().getVersionId())
			.isEqualTo("1");
		assertThat(active.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-06-01");
		assertThat(active.getPeriod().hasEnd()).isFalse();
		assertThat(active.getStatusHistory()).hasSize(1);

		assertThat(finished.getStatus()).isEqualTo(EpisodeOfCareStatus.FINISHED);
		assertThat(finished.getMeta().getVersionId()).isEqualTo("5");
		assertThat(finished.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-08-10");
		assertThat(finished.getStatusHistory()).extracting(EpisodeOfCare.EpisodeOfCareStatusHistoryComponent::getStatus)
			.containsExactly(EpisodeOfCareStatus.ACTIVE, EpisodeOfCareStatus.FINISHED);
		assertThat(finished.getStatusHistory().getFirst().getPeriod().getEndElement().getValueAsString())
			.isEqualTo("2026-08-10");
		assertThat(finished.getType().get(1).getCodingFirstRep().getCode()).isEqualTo("CLOSED");
		assertValid(active);
		assertValid(finished);
	}

	@Test
	void aReturnFromAftercareMakesTheEpisodeActiveAgain() {
		PlanVersion returned = V4.returned(new LevelOfCare("2.5", 4), new BigDecimal("20"), 5,
				LocalDate.parse("2026-09-01"), "clinician-a1", List.of(new Reason("RETURN", "relapse", Map.of())),
				"rules-1", Instant.parse("2026-09-01T12:00:00Z"));

		EpisodeOfCare episode = EpisodesOfCare.of("patient-42", "program-a", List.of(V1, V3, V4, returned), false);

		assertThat(episode.getStatus()).isEqualTo(EpisodeOfCareStatus.ACTIVE);
		assertThat(episode.getStatusHistory())
			.extracting((h) -> h.getStatus() + " " + h.getPeriod().getStartElement().getValueAsString() + "-"
					+ (h.getPeriod().hasEnd() ? h.getPeriod().getEndElement().getValueAsString() : ""))
			.containsExactly("ACTIVE 2026-06-01-2026-08-10", "FINISHED 2026-08-10-2026-09-01", "ACTIVE 2026-09-01-");
		assertThat(episode.getTypeFirstRep().getCodingFirstRep().getDisplay()).isEqualTo("High-intensity outpatient");
		assertThat(episode.getTypeFirstRep().getCodingFirstRep().getVersion()).isEqualTo("4");
		assertThat(episode.getPeriod().hasEnd()).isFalse();
		assertValid(episode);
		assertValid(CarePlans.of("patient-42", "program-a", returned, true));
	}

	@Test
	void part2DataCarriesItsSecurityLabels() {
		CarePlan plan = CarePlans.of("patient-42", "program-a", V1, true);
		EpisodeOfCare episode = EpisodesOfCare.of("patient-42", "program-a", List.of(V1), true);

		for (Resource resource : List.<Resource>of(plan, episode)) {
			assertThat(resource.getMeta().getSecurity()).extracting(Coding::getSystem, Coding::getCode)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(SecurityLabels.ACT_CODE, "42CFRPart2"),
						org.assertj.core.groups.Tuple.tuple(SecurityLabels.CONFIDENTIALITY, "R"));
			assertValid(resource);
		}
	}

	@Test
	void plansOfProgramsThatTreatSubstanceUseArePart2Data() {
		assertThat(Part2Plans.isPart2(program(ProgramType.ADDICTION, null))).isTrue();
		assertThat(Part2Plans.isPart2(program(ProgramType.MENTAL_HEALTH, null))).as("no types: addiction monitored")
			.isTrue();
		assertThat(Part2Plans.isPart2(program(ProgramType.MENTAL_HEALTH, List.of(ProgramType.DUAL_DIAGNOSIS))))
			.isTrue();
		assertThat(Part2Plans.isPart2(program(ProgramType.ADOLESCENT, List.of(ProgramType.ADOLESCENT)))).isTrue();
		assertThat(Part2Plans.isPart2(program(ProgramType.ADDICTION, List.of(ProgramType.MENTAL_HEALTH))))
			.as("the label says addiction")
			.isTrue();
		assertThat(Part2Plans.isPart2(null)).as("unknown program: fail closed").isTrue();
		assertThat(Part2Plans.isPart2(program(ProgramType.MENTAL_HEALTH, List.of(ProgramType.MENTAL_HEALTH))))
			.isFalse();
		assertThat(Part2Plans.isPart2(
				program(ProgramType.EATING_DISORDER, List.of(ProgramType.EATING_DISORDER, ProgramType.ADOLESCENT))))
			.isFalse();
	}

	@Test
	void resourcesSurviveTheParser() {
		CarePlan plan = CarePlans.of("patient-42", "program-a", V2, true);
		String json = FhirJson.encode(plan);
		assertThat(FhirJson.encode(FhirJson.parse(json, "CarePlan"))).isEqualTo(json);
	}

	private static Program program(ProgramType type, List<ProgramType> types) {
		return new Program("program-x", "X", type, "UTC", "ADULT", Map.of(), null, List.of(), 1, ENROLLED, null,
				List.of(), types);
	}

	private static void assertValid(Resource resource) {
		assertThat(R4Validation.errors(resource)).as(FhirJson.encode(resource)).isEmpty();
	}

}
