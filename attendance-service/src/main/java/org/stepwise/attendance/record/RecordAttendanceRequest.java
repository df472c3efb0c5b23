package org.stepwise.attendance.record;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.platform.web.Identifier;

/**
 * Attendance for one patient ({@code patientId}, {@code status}, {@code minutesAttended})
 * or for a roster at once ({@code records}), checked as a whole and stored all or
 * nothing.
 */
public record RecordAttendanceRequest(@Nullable @Identifier String patientId, @Nullable AttendanceStatus status,
		@Nullable @Min(0) @Max(1440) Integer minutesAttended,
		@Nullable @Size(min = 1, max = 100) List<@Valid Entry> records) {

	public record Entry(@jakarta.validation.constraints.NotBlank @Identifier String patientId,
			@jakarta.validation.constraints.NotNull AttendanceStatus status,
			@Nullable @Min(0) @Max(1440) Integer minutesAttended) {

		/** Minutes attended; absent means none (a no-show or an excused absence). */
		public int minutes() {
			return (this.minutesAttended == null) ? 0 : this.minutesAttended;
		}

	}

	/** Either one patient or a list of records, not both. */
	@AssertTrue(message = "give either patientId and status, or records")
	public boolean isPatientIdOrRecords() {
		boolean single = this.patientId != null && this.status != null;
		return single != (this.records != null);
	}

	public List<Entry> entries() {
		return (this.records != null) ? this.records
				: List.of(new Entry(this.patientId, this.status, this.minutesAttended));
	}

}
