package org.stepwise.assessment.checkin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.checkin.HighRiskCategory;
import org.stepwise.platform.web.Identifier;
import org.stepwise.platform.web.PlausibleTime;

/**
 * A daily self-report: scales 0-10, sleep hours 0-24, substances named when use is
 * reported, and the optional early-warning items (docs/clinical-rules.md section 3b).
 *
 * @param occurredAt clinical time: when the patient filled it in
 * @param confidence "how confident are you that you will not use in the next 7 days",
 * 0-10; null when skipped
 * @param highRiskSituation "a high-risk situation is coming up"; null when skipped
 * @param highRiskCategory what kind, only with {@code highRiskSituation}
 */
public record SubmitCheckInRequest(@NotBlank @Identifier String patientId, @NotBlank @Identifier String programId,
		@NotNull @PlausibleTime Instant occurredAt, @NotNull @Min(0) @Max(10) Integer mood,
		@NotNull @Min(0) @Max(10) Integer craving, @NotNull Boolean usedSinceLastCheckIn,
		@Size(max = 10) List<@NotBlank @Size(max = 40) String> substances,
		@NotNull @DecimalMin("0") @DecimalMax("24") BigDecimal sleepHours, @NotNull @Min(0) @Max(10) Integer stress,
		@NotNull Boolean medicationTakenAsPrescribed, @Nullable @Min(0) @Max(10) Integer confidence,
		@Nullable Boolean highRiskSituation, @Nullable HighRiskCategory highRiskCategory) {

	public List<String> substancesOrEmpty() {
		return (this.substances == null) ? List.of() : this.substances;
	}

	/**
	 * Use and substances go together: which substances, when use is reported; none
	 * otherwise.
	 */
	@AssertTrue(message = "must name the substances when use is reported, and none otherwise")
	public boolean isSubstancesConsistent() {
		return this.usedSinceLastCheckIn == null || this.usedSinceLastCheckIn == !substancesOrEmpty().isEmpty();
	}

	/** A category says what kind of situation is coming, so only with one coming. */
	@AssertTrue(message = "may name a high-risk category only when a high-risk situation is coming up")
	public boolean isHighRiskCategoryConsistent() {
		return this.highRiskCategory == null || Boolean.TRUE.equals(this.highRiskSituation);
	}

}
