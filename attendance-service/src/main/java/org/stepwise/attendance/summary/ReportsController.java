package org.stepwise.attendance.summary;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.web.RequestRejectedException;

@RestController
class ReportsController {

	private final AttendanceReports reports;

	private final AttendanceProperties properties;

	ReportsController(AttendanceReports reports, AttendanceProperties properties) {
		this.reports = reports;
		this.properties = properties;
	}

	/**
	 * Attendance over {@code from}..{@code to} (local dates, inclusive; default the last
	 * 28 days) in {@code zone}.
	 */
	@GetMapping("/api/v1/patients/{patientId}/attendance/summary")
	AttendanceSummary summary(@PathVariable String patientId,
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
		return this.reports.summary(patientId, first, last, zoneId);
	}

	/**
	 * Sessions that ended more than {@code olderThanHours} ago with attendance missing
	 * for some patients.
	 */
	@GetMapping("/api/v1/sessions/unrecorded")
	List<AttendanceReports.UnrecordedSession> unrecorded(
			@RequestParam(required = false) @Nullable Integer olderThanHours) {
		Duration olderThan = (olderThanHours != null) ? Duration.ofHours(Math.max(0, olderThanHours))
				: this.properties.unrecordedAfter();
		return this.reports.unrecorded(olderThan);
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
