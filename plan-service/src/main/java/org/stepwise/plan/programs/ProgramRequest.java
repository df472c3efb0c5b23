package org.stepwise.plan.programs;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.stepwise.contracts.program.ProgramType;
import org.stepwise.platform.web.Identifier;

/** Create or replace a program's settings. */
public record ProgramRequest(@NotBlank @Size(max = 100) String name, @NotNull ProgramType type,
		@NotBlank @Size(max = 64) String timeZone, @NotNull @Pattern(regexp = "ADULT|ADOLESCENT") String population,
		@Size(max = 60) Map<@NotBlank String, @NotBlank String> thresholdOverrides,
		@Identifier String onCallClinicianId, @Size(max = 10) List<@NotBlank @Size(max = 500) String> webhookTargets) {
}
