package org.stepwise.attendance.summary;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.web.RequestRejectedException;

@RestController
@Tag(name = "reports", description = "Attendance summaries and sessions whose attendance is still unrecorded")
class ReportsController {

	private final AttendanceReports reports;

	private final AttendanceProperties properties;

	private final PatientAccess access;

	ReportsController(AttendanceReports reports, AttendanceProperties properties, PatientAccess access) {
		this.reports = reports;
		this.properties = properties;
		this.access = access;
	}

	/**
	 * Attendance over {@code from}..{@code to} (local dates, inclusive; default the last
	 * 28 days) in {@code zone}.
	 */
	@Operation(summary = "A patient's attendance over a date range: sessions, hours, no-shows")
	@GetMapping("/api/v1/patients/{patientId}/attendance/summary")
	AttendanceSummary summary(Caller caller, @PathVariable String patientId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String zone) {
		ZoneId zoneId = zone(zone);
		LocalDate last = (to != null) ? to : LocalDate.now(zoneId);
		LocalDate first = (from != null) ? from : last.minusDays(27);
		if (first.isAfter(last) || first.plusYears(1).isBefore(last)) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_window",
					"from must not be after to, and the window at most a year");
		}
		// only the patient's sessions and records in programs where the caller may see
		// them
		Set<String> programs = this.reports.programsOf(patientId);
		Set<String> visible = programs.stream()
			.filter((program) -> this.access.canRead(caller, program, patientId))
			.collect(Collectors.toSet());
		if (!programs.isEmpty() && visible.isEmpty()) {
			// refused, and answered like a patient without records (an empty summary)
			this.access.audit().denied(caller, "attendance.summary.read", programs.iterator().next(), patientId);
		}
		else if (visible.isEmpty()) {
			this.access.allowed(caller, "attendance.summary.read", null, patientId);
		}
		visible.forEach((program) -> this.access.allowed(caller, "attendance.summary.read", program, patientId));
		return this.reports.summary(patientId, visible, first, last, zoneId);
	}

	/**
	 * Sessions that ended more than {@code olderThanHours} ago with attendance missing
	 * for some patients.
	 */
	@Operation(summary = "Sessions that ended without attendance recorded for every patient")
	@GetMapping("/api/v1/sessions/unrecorded")
	List<AttendanceReports.UnrecordedSession> unrecorded(Caller caller,
			@RequestParam(required = false) @Min(0) @Nullable Integer olderThanHours) {
		Duration olderThan = (olderThanHours != null) ? Duration.ofHours(olderThanHours)
				: this.properties.unrecordedAfter();
		// counts per session, no patient ids: filtered to the caller's programs, not
		// audited
		return this.reports.unrecorded(olderThan)
			.stream()
			.filter((session) -> caller.inProgram(session.programId()))
			.toList();
	}

	private ZoneId zone(@Nullable String zone) {
		if (zone == null) {
			return this.properties.defaultZone();
		}
		try {
			return ZoneId.of(zone);
		}
		catch (java.time.DateTimeException ex) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_zone",
					"zone must be an IANA time zone id, e.g. America/Chicago");
		}
	}

}
