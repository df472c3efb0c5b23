package org.stepwise.attendance.fhir;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.stepwise.attendance.record.AttendanceRecord.CorrectionReason;
import org.stepwise.attendance.record.AttendanceRecord;
import org.stepwise.attendance.record.AttendanceRepository;
import org.stepwise.attendance.record.AttendanceRules;
import org.stepwise.attendance.record.AttendanceService;
import org.stepwise.attendance.record.CorrectAttendanceRequest;
import org.stepwise.attendance.record.RecordAttendanceRequest;
import org.stepwise.attendance.session.RescheduleRequest;
import org.stepwise.attendance.session.ScheduleSessionRequest;
import org.stepwise.attendance.session.Session;
import org.stepwise.attendance.session.SessionService;
import org.stepwise.fhir.FhirIdempotency;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.web.RequestRejectedException;

/**
 * Appointments and Encounters mapped, checked with the JSON API's own rules, and handed
 * to the JSON API's services: the same access checks and audit records
 * ({@code session.schedule}, {@code attendance.record}), the same idempotency, store and
 * outbox events. Every problem names the FHIR element it is about.
 */
@Component
class FhirWrites {

	private final SessionService sessions;

	private final AttendanceService attendance;

	private final AttendanceRepository records;

	private final PatientAccess access;

	private final Validator validator;

	private final Clock clock;

	FhirWrites(SessionService sessions, AttendanceService attendance, AttendanceRepository records,
			PatientAccess access, Validator validator, Clock clock) {
		this.sessions = sessions;
		this.attendance = attendance;
		this.records = records;
		this.access = access;
		this.validator = validator;
		this.clock = clock;
	}

	/**
	 * Mapped and checked as {@code POST /api/v1/sessions} would check it, nothing stored.
	 * @throws FhirRejection (422) naming every element at fault
	 * @throws org.stepwise.platform.security.NotVisibleException (404, audited) for a
	 * program that is not the caller's
	 */
	AppointmentMapping.Mapped check(Caller caller, Appointment appointment, String base) {
		AppointmentMapping.Mapped mapped = AppointmentMapping.map(appointment, base, onlyProgram(caller));
		validate(mapped.request(), mapped::expressionOf);
		if (!mapped.request().endsAt().isAfter(mapped.request().startsAt())) {
			throw FhirRejection
				.unprocessable(List.of(FhirIssue.value(mapped.expressionOf("endsAt"), "must be after start")));
		}
		this.access.requireIngest(caller, "session.schedule", mapped.request().programId(), null);
		return mapped;
	}

	/**
	 * Scheduled through the JSON API's service, the caller's key scoped to the FHIR
	 * endpoint (or the transaction's entry) so it never replays a JSON request's.
	 */
	Session schedule(Caller caller, AppointmentMapping.Mapped mapped, @Nullable String callerKey, String scope) {
		this.access.requireIngest(caller, "session.schedule", mapped.request().programId(), null);
		Session session = refusingAsFhir(mapped::expressionOf,
				() -> this.sessions.schedule(mapped.request(), FhirIdempotency.scoped(callerKey, scope)));
		this.access.allowed(caller, "session.schedule", session.programId(), null);
		return session;
	}

	/**
	 * Mapped and checked as {@code POST /api/v1/sessions/{id}/attendance} would check it
	 * (the session's rules, a record already there), nothing stored.
	 * @throws FhirRejection (422 naming the elements, 409 for attendance already recorded
	 * otherwise)
	 */
	EncounterMapping.Mapped check(Caller caller, Encounter encounter, String base) {
		return check(caller, encounter, base, null);
	}

	/**
	 * @param inBundle the Appointment of the same transaction the Encounter names by its
	 * fullUrl: the session it will be (checked already), else null
	 */
	EncounterMapping.Mapped check(Caller caller, Encounter encounter, String base,
			AppointmentMapping.@Nullable Mapped inBundle) {
		EncounterMapping.Mapped mapped = EncounterMapping.map(encounter, base);
		validate(mapped.request(), mapped::expressionOf);
		if (mapped.inBundle() && inBundle == null) {
			throw FhirRejection.unprocessable(List.of(FhirIssue.value(base + ".appointment[0].reference",
					"a urn:uuid reference names an Appointment of the same transaction only")));
		}
		Session session = (inBundle != null) ? planned(mapped.sessionId(), inBundle.request())
				: this.sessions.get(mapped.sessionId());
		this.access.requireIngest(caller, "attendance.record", session.programId(), null);
		RecordAttendanceRequest.Entry entry = mapped.entry();
		List<FhirIssue> issues = AttendanceRules
			.check(session, entry.patientId(), entry.status(), entry.minutes(), this.clock.instant())
			.stream()
			.map((violation) -> FhirIssue.invalid(mapped.expressionOf(violation.field()), violation.message()))
			.toList();
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		Optional<AttendanceRecord> stored = (inBundle != null) ? Optional.empty()
				: this.records.findById(AttendanceRecord.idOf(mapped.sessionId(), entry.patientId()));
		if (stored.isPresent() && (stored.get().revision() > 0 || stored.get().status() != entry.status()
				|| stored.get().minutesAttended() != entry.minutes())) {
			throw new FhirRejection(HttpStatus.CONFLICT, "already_recorded", List
				.of(new FhirIssue("conflict", mapped.expressionOf(""),
						"attendance for this patient and session is already recorded otherwise; correct it instead")));
		}
		return mapped;
	}

	/** The session an Appointment of a transaction will be, for checking attendance. */
	private Session planned(String id, ScheduleSessionRequest request) {
		return new Session(id, request.programId(), request.sessionType(), request.modality(), request.startsAt(),
				request.endsAt(), request.facilitatorId(), List.copyOf(new LinkedHashSet<>(request.roster())), false,
				this.clock.instant(), null, null, null, null);
	}

	/**
	 * Recorded through the JSON API's service: one session's attendances together, as a
	 * roster (all or nothing, idempotent per session and patient).
	 */
	List<AttendanceRecord> record(Caller caller, String sessionId, List<EncounterMapping.Mapped> mapped) {
		String programId = this.sessions.get(sessionId).programId();
		this.access.requireIngest(caller, "attendance.record", programId, null);
		RecordAttendanceRequest request = (mapped.size() == 1) ? mapped.get(0).request() : new RecordAttendanceRequest(
				null, null, null, mapped.stream().map(EncounterMapping.Mapped::entry).toList());
		List<AttendanceRecord> recorded = refusingAsFhir((field) -> {
			int index = field.startsWith("records[") ? Integer.parseInt(field.substring(8, field.indexOf(']'))) : 0;
			return mapped.get(index).expressionOf(field);
		}, () -> this.attendance.record(sessionId, request));
		recorded.forEach((record) -> this.access.allowed(caller, "attendance.record", programId, record.patientId()));
		return recorded;
	}

	/**
	 * An update of a session to the state the Appointment describes, through the JSON
	 * API's changes and their audit actions: taken off the roster
	 * ({@code session.roster.remove}), rescheduled ({@code session.reschedule}, times and
	 * facilitator), put on the roster ({@code session.roster.add}), or cancelled
	 * ({@code session.cancel}, nothing else changing with it). Its program, type and
	 * modality do not change. The same state sent again changes nothing, so a retry
	 * finishes an update a failure cut short.
	 * @throws FhirRejection (422) naming what cannot be taken or may not change
	 */
	Session update(Caller caller, Session current, Appointment appointment) {
		// who may change it first: another program's session is not there (404), whatever
		// the body says
		this.access.requireIngest(caller, (appointment.getStatus() == Appointment.AppointmentStatus.CANCELLED)
				? "session.cancel" : "session.reschedule", current.programId(), null);
		AppointmentMapping.Mapped mapped = AppointmentMapping.mapUpdate(appointment, "Appointment",
				onlyProgram(caller));
		validate(mapped.request(), mapped::expressionOf);
		ScheduleSessionRequest wanted = mapped.request();
		List<FhirIssue> issues = new ArrayList<>();
		if (appointment.hasIdElement() && !current.id().equals(appointment.getIdPart())) {
			issues.add(FhirIssue.value("Appointment.id", "must be the id in the URL"));
		}
		if (!wanted.endsAt().isAfter(wanted.startsAt())) {
			issues.add(FhirIssue.value(mapped.expressionOf("endsAt"), "must be after start"));
		}
		unchanged(current.programId(), wanted.programId(), mapped.expressionOf("programId"), "program", issues);
		unchanged(current.sessionType(), wanted.sessionType(), mapped.expressionOf("sessionType"), "type", issues);
		unchanged(current.modality(), wanted.modality(), mapped.expressionOf("modality"), "modality", issues);
		List<String> roster = List.copyOf(new LinkedHashSet<>(wanted.roster()));
		boolean reschedule = !wanted.startsAt().equals(current.startsAt()) || !wanted.endsAt().equals(current.endsAt())
				|| !wanted.facilitatorId().equals(current.facilitatorId());
		boolean rosterChanges = !new HashSet<>(roster).equals(new HashSet<>(current.roster()));
		if (mapped.cancelled() && (reschedule || rosterChanges)) {
			issues.add(FhirIssue.value(mapped.expressionOf(reschedule ? "startsAt" : "roster"),
					"must be the session's: a cancellation changes nothing else"));
		}
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		if (current.cancelled()) {
			if (mapped.cancelled()) {
				return current;
			}
			throw new RequestRejectedException(HttpStatus.CONFLICT, "session_cancelled",
					"The session is cancelled and cannot change");
		}
		if (mapped.cancelled()) {
			Session cancelled = this.sessions.cancel(current.id());
			this.access.allowed(caller, "session.cancel", current.programId(), null);
			return cancelled;
		}
		Session session = current;
		for (String patientId : current.roster()) {
			if (!roster.contains(patientId)) {
				session = this.sessions.removeFromRoster(current.id(), patientId);
				this.access.allowed(caller, "session.roster.remove", current.programId(), patientId);
			}
		}
		if (reschedule) {
			session = refusingAsFhir(mapped::expressionOf, () -> this.sessions.reschedule(current.id(),
					new RescheduleRequest(wanted.startsAt(), wanted.endsAt(), wanted.facilitatorId())));
			this.access.allowed(caller, "session.reschedule", current.programId(), null);
		}
		for (String patientId : roster) {
			if (!current.roster().contains(patientId)) {
				session = this.sessions.addToRoster(current.id(), patientId);
				this.access.allowed(caller, "session.roster.add", current.programId(), patientId);
			}
		}
		return session;
	}

	/**
	 * A correction of a patient's attendance to what the Encounter says, as {@code POST
	 * .../attendance/{patientId}/corrections}: by an ingest client or a program admin of
	 * the program, with a reason (the correction-reason extension) when status or minutes
	 * change; who corrected is the caller. Its session and patient do not change.
	 * @throws FhirRejection (422) naming what cannot be taken or may not change
	 */
	AttendanceRecord correct(Caller caller, AttendanceRecord record, Encounter encounter, @Nullable String callerKey) {
		if (!caller.isProgramAdminOf(record.programId())) {
			this.access.requireIngest(caller, "attendance.correct", record.programId(), record.patientId());
		}
		EncounterMapping.Mapped mapped = EncounterMapping.map(encounter, "Encounter");
		validate(mapped.request(), mapped::expressionOf);
		RecordAttendanceRequest.Entry entry = mapped.entry();
		List<FhirIssue> issues = new ArrayList<>();
		if (encounter.hasIdElement()
				&& !AttendanceEncounters.idOf(record.sessionId(), record.patientId()).equals(encounter.getIdPart())) {
			issues.add(FhirIssue.value("Encounter.id", "must be the id in the URL"));
		}
		if (!record.sessionId().equals(mapped.sessionId())) {
			issues.add(FhirIssue.value("Encounter.appointment[0].reference",
					"must be the session of the attendance: a correction changes status and minutes only"));
		}
		if (!record.patientId().equals(entry.patientId())) {
			issues.add(FhirIssue.value("Encounter.subject.reference",
					"must be the patient of the attendance: a correction changes status and minutes only"));
		}
		boolean changes = record.status() != entry.status() || record.minutesAttended() != entry.minutes();
		CorrectionReason reason = EncounterMapping.correctionReason(encounter, changes, issues);
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		AttendanceRecord corrected = !changes ? record
				: refusingAsFhir(mapped::expressionOf,
						() -> this.attendance.correct(record.sessionId(), record.patientId(),
								new CorrectAttendanceRequest(entry.status(), entry.minutes(), reason), caller.subject(),
								FhirIdempotency.scoped(callerKey, "Encounter")));
		this.access.allowed(caller, "attendance.correct", record.programId(), record.patientId());
		return corrected;
	}

	private static void unchanged(Object current, @Nullable Object wanted, String expression, String what,
			List<FhirIssue> issues) {
		if (wanted != null && !current.equals(wanted)) {
			issues.add(FhirIssue.value(expression, "must be the session's " + what + ": it does not change"));
		}
	}

	private void validate(Object request, Function<String, String> expressionOf) {
		Set<ConstraintViolation<Object>> violations = this.validator.validate(request);
		if (violations.isEmpty()) {
			return;
		}
		List<FhirIssue> issues = new ArrayList<>();
		violations.stream()
			.sorted(Comparator.comparing((v) -> v.getPropertyPath().toString()))
			.forEach((violation) -> issues.add(FhirIssue.invalid(
					expressionOf.apply(violation.getPropertyPath().toString().replace(".<list element>", "")),
					violation.getMessage())));
		throw FhirRejection.unprocessable(dedupe(issues));
	}

	/** One issue per element and message (a list's elements may share one). */
	private static List<FhirIssue> dedupe(List<FhirIssue> issues) {
		Map<String, FhirIssue> unique = new LinkedHashMap<>();
		issues.forEach((issue) -> unique.putIfAbsent(issue.expression() + "\n" + issue.message(), issue));
		return List.copyOf(unique.values());
	}

	/**
	 * The shared code's refusals with fields, named as the FHIR elements they came from.
	 */
	private static <T> T refusingAsFhir(Function<String, String> expressionOf, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (RequestRejectedException ex) {
			if (ex.errors().isEmpty()) {
				throw ex;
			}
			throw new FhirRejection(ex.status(), ex.reason(),
					dedupe(ex.errors()
						.stream()
						.map((problem) -> FhirIssue.invalid(expressionOf.apply(problem.field()), problem.message()))
						.toList()));
		}
	}

	private static Optional<String> onlyProgram(Caller caller) {
		return (caller.programs().size() == 1) ? caller.programs().stream().findFirst() : Optional.empty();
	}

}
