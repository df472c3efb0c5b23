package org.stepwise.attendance.fhir;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.attendance.record.AttendanceRecord;
import org.stepwise.attendance.program.KnownPrograms;
import org.stepwise.attendance.record.AttendanceRepository;
import org.stepwise.attendance.session.Session;
import org.stepwise.attendance.session.SessionRepository;
import org.stepwise.attendance.session.SessionService;
import org.stepwise.fhir.FhirApi;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.fhir.FhirResponses;
import org.stepwise.fhir.FhirSearch;
import org.stepwise.fhir.Part2Consent;
import org.stepwise.fhir.SearchSets;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.web.Idempotency;

/**
 * FHIR R4 over HTTP for sessions (Appointment) and attendance (Encounter): resources in
 * and out as {@code application/fhir+json}, refusals as {@code OperationOutcome}s.
 * Everything clinical is the JSON API's ({@link FhirWrites}): its services, access
 * checks, audit records, idempotency and events. What is read is 42 CFR Part 2 data
 * ({@link AttendancePart2}): only for tokens with the scope that allows it. Left out of
 * the OpenAPI document: its contract is the CapabilityStatement
 * ({@code GET /fhir/r4/metadata}).
 */
@RestController
@Hidden
@FhirApi
class AttendanceFhirController {

	static final String BASE = "/fhir/r4";

	/**
	 * A transaction's size: a roster of attendances with room (a roster is at most 100).
	 */
	static final int MAX_TRANSACTION_ENTRIES = 100;

	private final FhirWrites writes;

	private final SessionService sessionService;

	private final SessionRepository sessions;

	private final AttendanceRepository records;

	private final PatientAccess access;

	private final KnownPrograms programs;

	private final CapabilityStatement capabilities;

	AttendanceFhirController(FhirWrites writes, SessionService sessionService, SessionRepository sessions,
			AttendanceRepository records, PatientAccess access, KnownPrograms programs,
			ObjectProvider<BuildProperties> build) {
		this.writes = writes;
		this.programs = programs;
		this.sessionService = sessionService;
		this.sessions = sessions;
		this.records = records;
		this.access = access;
		this.capabilities = AttendanceCapabilities.of(build);
	}

	@GetMapping(BASE + "/metadata")
	ResponseEntity<String> metadata() {
		return FhirResponses.of(HttpStatus.OK, this.capabilities);
	}

	/** A session, as {@code POST /api/v1/sessions}. */
	@PostMapping(path = BASE + "/Appointment", consumes = { FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> createAppointment(Caller caller, @RequestBody String body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String key = Idempotency.ofCaller(caller, idempotencyHeader);
		Appointment appointment = FhirJson.as(Appointment.class, FhirJson.parse(body, "Appointment"), "Appointment");
		AppointmentMapping.Mapped mapped = this.writes.check(caller, appointment, "Appointment");
		Session session = this.writes.schedule(caller, mapped, key, "Appointment");
		return created("Appointment/" + session.id(), asAppointment(session));
	}

	/**
	 * One patient's attendance at a session, as {@code POST
	 * /api/v1/sessions/{id}/attendance}: idempotent by session and patient.
	 */
	@PostMapping(path = BASE + "/Encounter", consumes = { FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> createEncounter(Caller caller, @RequestBody String body) {
		Encounter encounter = FhirJson.as(Encounter.class, FhirJson.parse(body, "Encounter"), "Encounter");
		EncounterMapping.Mapped mapped = this.writes.check(caller, encounter, "Encounter");
		AttendanceRecord record = this.writes.record(caller, mapped.sessionId(), List.of(mapped)).get(0);
		Encounter stored = asEncounter(record);
		return created("Encounter/" + stored.getIdPart(), stored);
	}

	/**
	 * Sessions and attendance in one Bundle of type transaction, all or nothing: every
	 * entry is mapped and checked as its own POST would be (fields, access, the session's
	 * rules, a record already there) before any is stored; then sessions are scheduled,
	 * each with the caller's key scoped to its entry, and each session's attendances are
	 * recorded together as a roster. An Encounter may name a session of the same Bundle
	 * by its entry's {@code urn:uuid:} fullUrl (a past session and who came, at once). A
	 * retry with the same Idempotency-Key completes a transaction a store outage cut
	 * short and replays what it had stored.
	 */
	@PostMapping(path = BASE, consumes = { FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> transaction(Caller caller, @RequestBody String body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String key = Idempotency.ofCaller(caller, idempotencyHeader);
		Bundle bundle = FhirJson.as(Bundle.class, FhirJson.parse(body, "Bundle"), "Bundle");
		List<AttendanceTransactions.Checked> entries = AttendanceTransactions.entries(bundle, MAX_TRANSACTION_ENTRIES,
				(appointment, at) -> this.writes.check(caller, appointment, at),
				(encounter, at, inBundle) -> this.writes.check(caller, encounter, at, inBundle));
		Resource[] results = new Resource[bundle.getEntry().size()];
		// sessions first: an Encounter may name one of them by its entry's fullUrl
		Map<String, String> scheduledByFullUrl = new HashMap<>();
		for (AttendanceTransactions.Checked entry : entries) {
			if (entry instanceof AttendanceTransactions.Scheduled scheduled) {
				Session session = this.writes.schedule(caller, scheduled.appointment(), key,
						"Bundle/entry/" + entry.index());
				results[scheduled.index()] = asAppointment(session);
				if (scheduled.fullUrl() != null) {
					scheduledByFullUrl.put(scheduled.fullUrl(), session.id());
				}
			}
		}
		Map<String, List<AttendanceTransactions.Recorded>> bySession = new LinkedHashMap<>();
		for (AttendanceTransactions.Checked entry : entries) {
			if (entry instanceof AttendanceTransactions.Recorded recorded) {
				EncounterMapping.Mapped encounter = recorded.encounter().inBundle()
						? recorded.encounter().inSession(scheduledByFullUrl.get(recorded.encounter().sessionId()))
						: recorded.encounter();
				bySession.computeIfAbsent(encounter.sessionId(), (id) -> new ArrayList<>())
					.add(new AttendanceTransactions.Recorded(recorded.index(), encounter));
			}
		}
		bySession.forEach((sessionId, recorded) -> {
			List<AttendanceRecord> stored = this.writes.record(caller, sessionId,
					recorded.stream().map(AttendanceTransactions.Recorded::encounter).toList());
			for (int i = 0; i < recorded.size(); i++) {
				results[recorded.get(i).index()] = asEncounter(stored.get(i));
			}
		});
		Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
		for (Resource result : results) {
			response.addEntry()
				.getResponse()
				.setStatus("201 Created")
				.setLocation(result.fhirType() + "/" + result.getIdPart())
				.setLastModified(result.getMeta().getLastUpdated());
		}
		return FhirResponses.of(HttpStatus.OK, response);
	}

	/**
	 * A session brought to the state the Appointment describes (rescheduled, its roster
	 * changed, or cancelled) through the JSON API's changes; the same state sent again
	 * changes nothing. 404 for a session that does not exist or is another program's: an
	 * update creates nothing.
	 */
	@PutMapping(path = BASE + "/Appointment/{id}", consumes = { FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> updateAppointment(Caller caller, @PathVariable String id, @RequestBody String body) {
		Appointment appointment = FhirJson.as(Appointment.class, FhirJson.parse(body, "Appointment"), "Appointment");
		Session current = this.sessionService.get(id);
		Session updated = this.writes.update(caller, current, appointment);
		return FhirResponses.of(HttpStatus.OK, asAppointment(updated));
	}

	/**
	 * A patient's attendance corrected to what the Encounter says, as {@code POST
	 * /api/v1/sessions/{id}/attendance/{patientId}/corrections}: the reason in the
	 * correction-reason extension, who corrected from the token, an Idempotency-Key as
	 * there.
	 */
	@PutMapping(path = BASE + "/Encounter/{id}", consumes = { FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> updateEncounter(Caller caller, @PathVariable String id, @RequestBody String body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyHeader) {
		String key = Idempotency.ofCaller(caller, idempotencyHeader);
		Encounter encounter = FhirJson.as(Encounter.class, FhirJson.parse(body, "Encounter"), "Encounter");
		AttendanceRecord corrected = this.writes.correct(caller, encounter(id), encounter, key);
		return FhirResponses.of(HttpStatus.OK, asEncounter(corrected));
	}

	/**
	 * A session, as {@code GET /api/v1/sessions/{id}}: staff of its program (the roster
	 * is the whole group), audited as {@code session.read}; 404 otherwise.
	 */
	@GetMapping(BASE + "/Appointment/{id}")
	ResponseEntity<String> readAppointment(Caller caller, @PathVariable String id) {
		Session session = this.sessionService.get(id);
		this.access.requireProgram(caller, "session.read", session.programId());
		refuseUnlessReleasable(session.programId(), caller, "session.read", null);
		this.access.allowed(caller, "session.read", session.programId(), null);
		return FhirResponses.of(HttpStatus.OK, asAppointment(session));
	}

	/**
	 * A patient's attendance at a session, as {@code GET
	 * /api/v1/patients/{id}/attendance} reads it: staff who may see the patient, audited
	 * as {@code attendance.read}; 404 otherwise.
	 */
	@GetMapping(BASE + "/Encounter/{id}")
	ResponseEntity<String> readEncounter(Caller caller, @PathVariable String id) {
		AttendanceRecord record = encounter(id);
		refuseUnlessReleasable(record.programId(), caller, "attendance.read", record.patientId());
		this.access.readOne(caller, "attendance.read", record.programId(), record.patientId(), record);
		return FhirResponses.of(HttpStatus.OK, asEncounter(record));
	}

	/**
	 * The sessions a patient is on the roster of, a page at a time: what the caller may
	 * see of the patient (another program's or care team's patient is an empty Bundle),
	 * audited as {@code session.read} with the patient.
	 */
	@GetMapping(BASE + "/Appointment")
	ResponseEntity<String> searchAppointments(Caller caller, @RequestParam(required = false) @Nullable String patient,
			@RequestParam(name = "_lastUpdated", required = false) @Nullable List<String> lastUpdated,
			@RequestParam(name = "_count", required = false) @Nullable String count,
			@RequestParam(name = "_offset", required = false) @Nullable String offset) {
		FhirSearch search = FhirSearch.of(patient, lastUpdated, count, offset);
		List<Appointment> matches = this.access
			.read(caller, "session.read", search.patientId(), this.sessions.findByRosterMember(search.patientId()),
					Session::programId)
			.stream()
			.filter((session) -> releasable(session.programId()))
			.filter((session) -> search.updated(session.lastUpdated()))
			.map(this::asAppointment)
			.sorted(SearchSets.BY_LAST_UPDATED)
			.toList();
		return FhirResponses.of(HttpStatus.OK, SearchSets.page(matches, search));
	}

	/**
	 * A patient's attendance records, a page at a time, as {@code GET
	 * /api/v1/patients/{id}/attendance}: audited as {@code attendance.read}.
	 */
	@GetMapping(BASE + "/Encounter")
	ResponseEntity<String> searchEncounters(Caller caller, @RequestParam(required = false) @Nullable String patient,
			@RequestParam(name = "_lastUpdated", required = false) @Nullable List<String> lastUpdated,
			@RequestParam(name = "_count", required = false) @Nullable String count,
			@RequestParam(name = "_offset", required = false) @Nullable String offset) {
		FhirSearch search = FhirSearch.of(patient, lastUpdated, count, offset);
		List<Encounter> matches = this.access
			.read(caller, "attendance.read", search.patientId(),
					this.records.findByPatientIdOrderByOccurredAtAsc(search.patientId()), AttendanceRecord::programId)
			.stream()
			.filter((record) -> releasable(record.programId()))
			.filter((record) -> search.updated(record.lastUpdated()))
			.map(this::asEncounter)
			.sorted(SearchSets.BY_LAST_UPDATED)
			.toList();
		return FhirResponses.of(HttpStatus.OK, SearchSets.page(matches, search));
	}

	/**
	 * Whether this program's attendance may leave to this caller: 42 CFR Part 2 data
	 * ({@link AttendancePart2}) only with a token that allows it.
	 */
	private boolean releasable(String programId) {
		return !part2(programId) || Part2Consent.ofCurrentRequest();
	}

	private boolean part2(String programId) {
		return AttendancePart2.isPart2(this.programs.find(programId));
	}

	private Appointment asAppointment(Session session) {
		return SessionAppointments.of(session, part2(session.programId()));
	}

	private Encounter asEncounter(AttendanceRecord record) {
		return AttendanceEncounters.of(record, part2(record.programId()));
	}

	/** Answered as if it did not exist (404), and audited as refused. */
	private void refuseUnlessReleasable(String programId, Caller caller, String action, @Nullable String patientId) {
		if (!releasable(programId)) {
			this.access.audit().denied(caller, action, programId, patientId);
			throw new NotVisibleException();
		}
	}

	/** The attendance record an Encounter id names: 404 for none. */
	private AttendanceRecord encounter(String id) {
		return AttendanceEncounters.sessionOf(id)
			.stream()
			.flatMap((sessionId) -> this.records.findBySessionId(sessionId).stream())
			.filter((found) -> AttendanceEncounters.idOf(found.sessionId(), found.patientId()).equals(id))
			.findFirst()
			.orElseThrow(NotVisibleException::new);
	}

	private static ResponseEntity<String> created(String location, Resource resource) {
		ResponseEntity<String> response = FhirResponses.of(HttpStatus.CREATED, resource);
		return ResponseEntity.status(HttpStatus.CREATED)
			.headers(response.getHeaders())
			.location(URI.create(BASE + "/" + location))
			.body(response.getBody());
	}

}
