package org.stepwise.plan.plans;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.platform.web.Identifier;
import org.stepwise.platform.web.PlausibleTime;

/**
 * The bodies of the plan API. None says who acts: that is the caller (the clinician id of
 * the token, or its subject), never a body field; a {@code by} sent by older clients is
 * ignored.
 */
final class PlanRequests {

	private PlanRequests() {
	}

	record Level(@NotNull @Pattern(regexp = "1\\.0|2\\.1|2\\.5") String code, @Min(3) @Max(4) int edition) {
	}

	record Enrol(@NotBlank @Identifier String patientId, @NotBlank @Identifier String programId,
			@NotNull @Valid Level levelOfCare, boolean adolescent,
			@NotNull @DecimalMin("0.5") @DecimalMax("60") BigDecimal weeklyHours, @Min(1) @Max(21) int sessionsPerWeek,
			@Size(max = 10) List<@NotBlank @Size(max = 40) String> modalities,
			@NotNull @Size(min = 1, max = 20) List<@NotBlank @Identifier String> careTeam, @NotNull PlanMode mode,
			@NotNull @PlausibleTime(daysAhead = 366) LocalDate startDate) {
	}

	record Change(@NotNull @Valid Level levelOfCare,
			@NotNull @DecimalMin("0.5") @DecimalMax("60") BigDecimal weeklyHours, @Min(1) @Max(21) int sessionsPerWeek,
			@NotBlank @Size(max = 500) String reason) {
	}

	record Action(@Size(max = 500) String reason) {
	}

	record SetBounds(@DecimalMin("0") @DecimalMax("60") BigDecimal minHours,
			@DecimalMin("0") @DecimalMax("60") BigDecimal maxHours, @Size(max = 500) String reason) {
	}

	record Settings(@Size(min = 1, max = 20) List<@NotBlank @Identifier String> careTeam, PlanMode mode,
			@Size(max = 500) String reason) {
	}

	record Revert(@Min(1) int toVersion) {
	}

	/**
	 * @param planned a planned discharge from a level above OP; without it the plan must
	 * have stepped down to OP (1.0) first
	 * @param dischargedOn the day aftercare starts when recorded after the fact (default:
	 * today on the program's clock)
	 */
	record Discharge(boolean planned, @NotBlank @Size(max = 500) String reason,
			@PlausibleTime(daysAhead = 1) LocalDate dischargedOn) {
	}

}
