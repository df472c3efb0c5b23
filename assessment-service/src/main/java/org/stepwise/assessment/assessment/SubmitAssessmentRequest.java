package org.stepwise.assessment.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.stepwise.assessment.instrument.Submission;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.platform.web.Identifier;
import org.stepwise.platform.web.PlausibleTime;

/**
 * An instrument as a tool submits it.
 *
 * @param items responses by item id; empty for a drug screen
 * @param analytes drug-screen results; only for UDS
 * @param sex only for AUDIT-C's cut-off; not stored
 * @param occurredAt clinical time: when the patient took it
 */
public record SubmitAssessmentRequest(@NotBlank @Identifier String patientId, @NotBlank @Identifier String programId,
		@NotNull Instrument instrument, @NotNull @PlausibleTime Instant occurredAt,
		@Nullable @Size(max = 40) Map<String, Integer> items,
		@Nullable @Size(max = 40) List<@Valid AnalyteRequest> analytes, Submission.@Nullable Sex sex) {

	public Submission submission() {
		return new Submission(this.items,
				this.analytes == null ? List.of() : this.analytes.stream()
					.map((a) -> new Submission.Analyte(a.analyte(), a.positive(), a.confirmatory(), a.prescribed()))
					.toList(),
				this.sex);
	}

	public record AnalyteRequest(@NotBlank @Size(max = 64) String analyte, boolean positive, boolean confirmatory,
			boolean prescribed) {
	}

}
