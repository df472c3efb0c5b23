package org.stepwise.plan.plans;

import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Hidden;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.fhir.FhirApi;
import org.stepwise.fhir.FhirResponses;
import org.stepwise.fhir.FhirSearch;
import org.stepwise.fhir.Part2Consent;
import org.stepwise.fhir.SearchSets;
import org.stepwise.plan.fhir.CarePlans;
import org.stepwise.plan.fhir.EpisodesOfCare;
import org.stepwise.plan.fhir.Part2Plans;
import org.stepwise.plan.fhir.PlanCapabilities;
import org.stepwise.plan.plans.PlanScope.Who;
import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.programs.Programs;
import org.stepwise.plan.progress.PatientFile;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;

/**
 * FHIR R4, read only: a patient's plan as a {@code CarePlan} and their episode in the
 * program as an {@code EpisodeOfCare} ({@link CarePlans}, {@link EpisodesOfCare}), both
 * with the patient's id as theirs. Access is the JSON API's plan reads
 * ({@link PlanScope}: the program's admins and the care team, audited as
 * {@code plan.read} and, where the versions are read, {@code plan.history.read}), and 42
 * CFR Part 2 plans ({@link Part2Plans}) only for tokens that allow them: otherwise a read
 * is 404 and a search leaves them out, audited as refused. A read of what the caller may
 * not see is 404 as for what does not exist; a search for such a patient is an empty
 * Bundle. Left out of the OpenAPI document: its contract is the CapabilityStatement.
 */
@RestController
@Hidden
@FhirApi
class PlanFhirController {

	static final String BASE = "/fhir/r4";

	private final PlanService plans;

	private final PlanScope scope;

	private final Programs programs;

	private final CapabilityStatement capabilities;

	PlanFhirController(PlanService plans, PlanScope scope, Programs programs, ObjectProvider<BuildProperties> build) {
		this.plans = plans;
		this.scope = scope;
		this.programs = programs;
		this.capabilities = PlanCapabilities.of(build);
	}

	@GetMapping(BASE + "/metadata")
	ResponseEntity<String> metadata() {
		return FhirResponses.of(HttpStatus.OK, this.capabilities);
	}

	@GetMapping(BASE + "/CarePlan/{id}")
	ResponseEntity<String> carePlan(Caller caller, @PathVariable String id) {
		Visible visible = visible(caller, "plan.read", id);
		return FhirResponses.of(HttpStatus.OK, visible.carePlan(visible.file().state().plan()));
	}

	/** A version of the plan as it was made (vread). */
	@GetMapping(BASE + "/CarePlan/{id}/_history/{versionId}")
	ResponseEntity<String> carePlanVersion(Caller caller, @PathVariable String id, @PathVariable String versionId) {
		Visible visible = visible(caller, "plan.history.read", id);
		PlanVersion version = this.plans.history(visible.file())
			.stream()
			.filter((v) -> Integer.toString(v.version()).equals(versionId))
			.findFirst()
			.orElseThrow(NotVisibleException::new);
		return FhirResponses.of(HttpStatus.OK, visible.carePlan(version));
	}

	@GetMapping(BASE + "/CarePlan")
	ResponseEntity<String> carePlans(Caller caller, @RequestParam(required = false) @Nullable String patient,
			@RequestParam(name = "_lastUpdated", required = false) @Nullable List<String> lastUpdated,
			@RequestParam(name = "_count", required = false) @Nullable String count,
			@RequestParam(name = "_offset", required = false) @Nullable String offset) {
		FhirSearch search = FhirSearch.of(patient, lastUpdated, count, offset);
		List<Resource> matches = searched(caller, "plan.read", search.patientId())
			.map((visible) -> (Resource) visible.carePlan(visible.file().state().plan()))
			.filter((resource) -> search.updated(resource.getMeta().getLastUpdated().toInstant()))
			.stream()
			.toList();
		return FhirResponses.of(HttpStatus.OK, SearchSets.page(matches, search));
	}

	@GetMapping(BASE + "/EpisodeOfCare/{id}")
	ResponseEntity<String> episodeOfCare(Caller caller, @PathVariable String id) {
		return FhirResponses.of(HttpStatus.OK, episode(visible(caller, "plan.history.read", id)));
	}

	@GetMapping(BASE + "/EpisodeOfCare")
	ResponseEntity<String> episodesOfCare(Caller caller, @RequestParam(required = false) @Nullable String patient,
			@RequestParam(name = "_lastUpdated", required = false) @Nullable List<String> lastUpdated,
			@RequestParam(name = "_count", required = false) @Nullable String count,
			@RequestParam(name = "_offset", required = false) @Nullable String offset) {
		FhirSearch search = FhirSearch.of(patient, lastUpdated, count, offset);
		List<Resource> matches = searched(caller, "plan.history.read", search.patientId())
			.map((visible) -> (Resource) episode(visible))
			.filter((resource) -> search.updated(resource.getMeta().getLastUpdated().toInstant()))
			.stream()
			.toList();
		return FhirResponses.of(HttpStatus.OK, SearchSets.page(matches, search));
	}

	/**
	 * A patient's file the caller may see through FHIR, and whether it is Part 2 data.
	 */
	record Visible(PatientFile file, boolean part2) {

		CarePlan carePlan(PlanVersion version) {
			return CarePlans.of(this.file.patientId(), this.file.state().programId(), version, this.part2);
		}

	}

	/**
	 * The patient's plan if the caller may see it through FHIR (audited either way).
	 * @throws NotVisibleException (404) if not
	 */
	private Visible visible(Caller caller, String action, String patientId) {
		boolean part2Allowed = Part2Consent.ofCurrentRequest();
		PatientFile file = this.scope.require(caller, action, patientId,
				this.plans.find(patientId).filter((f) -> f.state().plan() != null), Who.CARE_TEAM);
		boolean part2 = Part2Plans.isPart2(this.programs.find(file.state().programId()).orElse(null));
		if (part2 && !part2Allowed) {
			this.scope.denied(caller, action, file);
			throw new NotVisibleException();
		}
		this.scope.allowed(caller, action, file);
		return new Visible(file, part2);
	}

	/** As {@link #visible}, none (an empty Bundle) instead of a 404. */
	private Optional<Visible> searched(Caller caller, String action, String patientId) {
		try {
			return Optional.of(visible(caller, action, patientId));
		}
		catch (NotVisibleException ex) {
			return Optional.empty();
		}
	}

	private EpisodeOfCare episode(Visible visible) {
		PatientFile file = visible.file();
		return EpisodesOfCare.of(file.patientId(), file.state().programId(), this.plans.history(file), visible.part2());
	}

}
