package org.stepwise.assessment.fhir;

import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Hidden;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.assessment.assessment.AssessmentRecord;
import org.stepwise.assessment.assessment.AssessmentRepository;
import org.stepwise.assessment.checkin.CheckIn;
import org.stepwise.assessment.checkin.CheckInRepository;
import org.stepwise.assessment.fhir.QuestionnaireResponseMapping.Mapped;
import org.stepwise.assessment.instrument.Instruments;
import org.stepwise.fhir.FhirApi;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.fhir.FhirResponses;
import org.stepwise.fhir.Part2Consent;
import org.stepwise.fhir.SearchSets;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.security.Role;
import org.stepwise.platform.web.Idempotency;

/**
 * FHIR R4 over HTTP: resources in and out as {@code application/fhir+json}, refusals as
 * {@code OperationOutcome}s ({@link FhirApi}). Everything clinical is the JSON API's
 * ({@link FhirSubmissions}). Left out of the OpenAPI document: its contract is the
 * CapabilityStatement ({@code GET /fhir/r4/metadata}).
 */
@RestController
@FhirApi
@Hidden
class FhirController {

	static final String BASE = "/fhir/r4";

	/** A transaction's size: a week of daily check-ins and instruments, with room. */
	static final int MAX_TRANSACTION_ENTRIES = 50;

	private final FhirSubmissions submissions;

	private final AssessmentRepository assessments;

	private final AssessmentObservations observations;

	private final CheckInRepository checkIns;

	private final PatientAccess access;

	private final CapabilityStatement capabilities;

	FhirController(FhirSubmissions submissions, AssessmentRepository assessments, CheckInRepository checkIns,
			Instruments instruments, PatientAccess access, ObjectProvider<BuildProperties> build) {
		this.submissions = submissions;
		this.assessments = assessments;
		this.checkIns = checkIns;
		this.observations = new AssessmentObservations(instruments);
		this.access = access;
		this.capabilities = AssessmentCapabilities.of(build);
	}

	@GetMapping(BASE + "/metadata")
	ResponseEntity<String> metadata() {
		return fhir(HttpStatus.OK, this.capabilities);
	}

	@PostMapping(path = BASE + "/QuestionnaireResponse",
			consumes = { FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> createQuestionnaireResponse(Caller caller, @RequestBody String body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String key = Idempotency.ofCaller(caller, idempotencyHeader);
		QuestionnaireResponse response = FhirJson.as(QuestionnaireResponse.class,
				FhirJson.parse(body, "QuestionnaireResponse"), "QuestionnaireResponse");
		Mapped mapped = this.submissions.check(caller, response, "QuestionnaireResponse");
		FhirSubmissions.Stored stored = this.submissions.submit(caller, mapped, key, "QuestionnaireResponse");
		stored(response, stored);
		return ResponseEntity.created(URI.create(BASE + "/QuestionnaireResponse/" + stored.id()))
			.header(HttpHeaders.CONTENT_TYPE, FhirResponses.CONTENT_TYPE)
			.header("Idempotent-Replayed", Boolean.toString(!stored.created()))
			.body(FhirJson.encode(response));
	}

	/**
	 * A stored instrument or check-in as its QuestionnaireResponse (where the Location of
	 * a create points): for staff who may see the patient, and a patient for their own
	 * check-ins, audited as the JSON API's reads; 42 CFR Part 2 data only with a token
	 * that allows it; 404 otherwise, as for what does not exist.
	 */
	@GetMapping(BASE + "/QuestionnaireResponse/{id}")
	ResponseEntity<String> readQuestionnaireResponse(Caller caller, @PathVariable String id) {
		boolean part2 = Part2Consent.ofCurrentRequest();
		boolean staff = caller.hasAny(Role.CLINICIAN, Role.PROGRAM_ADMIN);
		Optional<AssessmentRecord> assessment = this.assessments.findById(id)
			.filter((found) -> FhirQuestionnaires.byInstrument(found.instrument()).isPresent());
		if (assessment.isPresent()) {
			AssessmentRecord found = assessment.get();
			// instruments are read by staff; Part 2 data only with a token that allows it
			refuseUnless(staff && (part2 || !AssessmentObservations.isPart2(found)), caller, "assessment.read",
					found.programId(), found.patientId());
			this.access.readOne(caller, "assessment.read", found.programId(), found.patientId(), found);
			return fhir(HttpStatus.OK, StoredResponses.of(found));
		}
		CheckIn checkIn = this.checkIns.findById(id).orElseThrow(NotVisibleException::new);
		boolean self = caller.isPatient(checkIn.patientId()) && caller.inProgram(checkIn.programId());
		refuseUnless(self || (staff && (part2 || !CheckInObservations.isPart2(checkIn))), caller, "check-in.read",
				checkIn.programId(), checkIn.patientId());
		if (self) {
			this.access.allowed(caller, "check-in.read", checkIn.programId(), checkIn.patientId());
		}
		else {
			this.access.readOne(caller, "check-in.read", checkIn.programId(), checkIn.patientId(), checkIn);
		}
		return fhir(HttpStatus.OK, StoredResponses.of(checkIn));
	}

	/** Answered as if it did not exist (404), and audited as refused. */
	private void refuseUnless(boolean allowed, Caller caller, String action, String programId, String patientId) {
		if (!allowed) {
			this.access.audit().denied(caller, action, programId, patientId);
			throw new NotVisibleException();
		}
	}

	/**
	 * A Bundle of type transaction of QuestionnaireResponse creates (a week of check-ins,
	 * say), all or nothing: every entry is mapped and checked as its own POST would be
	 * (fields, access, time, scoring) before any is stored; then each is stored through
	 * the JSON API's service with the caller's key scoped to its entry, so a retry with
	 * the same Idempotency-Key completes a transaction a crash or an outage of the store
	 * cut short, and replays what it had stored.
	 */
	@PostMapping(path = BASE, consumes = { FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> transaction(Caller caller, @RequestBody String body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String key = Idempotency.ofCaller(caller, idempotencyHeader);
		IBaseResource resource = FhirJson.parse(body, "Bundle");
		if (!(resource instanceof Bundle bundle)) {
			throw FhirRejection.unprocessable(List.of(FhirIssue.notSupported(resource.fhirType(),
					"must be a Bundle of type transaction, not a " + resource.fhirType())));
		}
		// each entry checked as its own POST would be, nothing stored until all pass
		List<Mapped> entries = Transactions.entries(bundle, MAX_TRANSACTION_ENTRIES, (response, base) -> {
			Mapped mapped = this.submissions.check(caller, response, base);
			this.submissions.precheck(caller, mapped);
			return mapped;
		});
		Bundle result = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
		boolean replayed = true;
		for (int i = 0; i < entries.size(); i++) {
			FhirSubmissions.Stored stored = this.submissions.submit(caller, entries.get(i), key, "Bundle/entry/" + i);
			replayed &= !stored.created();
			result.addEntry()
				.getResponse()
				.setStatus("201 Created")
				.setLocation("QuestionnaireResponse/" + stored.id())
				.setLastModified(Date.from(stored.recordedAt()));
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, FhirResponses.CONTENT_TYPE)
			.header("Idempotent-Replayed", Boolean.toString(replayed && !entries.isEmpty()))
			.body(FhirJson.encode(result));
	}

	/**
	 * A patient's scored instruments and check-ins as survey Observations, a page at a
	 * time: only what the caller may see (audited as the JSON API's reads; another
	 * program's patient is an empty Bundle), and 42 CFR Part 2 data only with a token
	 * that allows it.
	 */
	@GetMapping(BASE + "/Observation")
	ResponseEntity<String> searchObservations(Caller caller, @RequestParam(required = false) @Nullable String patient,
			@RequestParam(required = false) @Nullable String code,
			@RequestParam(name = "_lastUpdated", required = false) @Nullable List<String> lastUpdated,
			@RequestParam(name = "_count", required = false) @Nullable String count,
			@RequestParam(name = "_offset", required = false) @Nullable String offset) {
		ObservationSearch search = ObservationSearch.of(patient, code, lastUpdated, count, offset);
		boolean part2 = Part2Consent.ofCurrentRequest();
		// each kind read as the JSON API reads it: what the caller sees, audited
		Stream<Observation> assessments = this.access.read(caller, "assessment.read", search.patientId(),
				this.assessments.findByPatientIdOrderByOccurredAtAsc(search.patientId()), AssessmentRecord::programId)
			.stream()
			.filter((assessment) -> part2 || !AssessmentObservations.isPart2(assessment))
			.map(this.observations::of);
		Stream<Observation> checkIns = this.access
			.read(caller, "check-in.read", search.patientId(),
					this.checkIns.findByPatientIdOrderByOccurredAtAsc(search.patientId()), CheckIn::programId)
			.stream()
			.filter((checkIn) -> part2 || !CheckInObservations.isPart2(checkIn))
			.map(CheckInObservations::of);
		List<Observation> matches = Stream.concat(assessments, checkIns)
			.filter(search::matches)
			.sorted(SearchSets.BY_LAST_UPDATED)
			.toList();
		return fhir(HttpStatus.OK, SearchSets.page(matches, search.common()));
	}

	/**
	 * The response as stored: its id is the stored record's, its lastUpdated when stored.
	 */
	private static void stored(QuestionnaireResponse response, FhirSubmissions.Stored stored) {
		response.setId(stored.id());
		response.getMeta().setLastUpdated(Date.from(stored.recordedAt()));
	}

	static ResponseEntity<String> fhir(HttpStatus status, IBaseResource resource) {
		return FhirResponses.of(status, resource);
	}

}
