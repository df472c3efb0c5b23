package org.stepwise.plan.programs;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.program.ProgramType;
import org.stepwise.platform.web.Identifier;

/**
 * Create or replace a program's settings.
 *
 * @param type the program's kind as a label (the console shows it)
 * @param types what the program monitors (docs/clinical-rules.md, program types), e.g.
 * {@code [ADDICTION, ADOLESCENT]}; left out or empty: addiction and mental health, as
 * every program before types
 */
public record ProgramRequest(@NotBlank @Size(max = 100) String name, @NotNull ProgramType type,
		@NotBlank @Size(max = 64) String timeZone, @NotNull @Pattern(regexp = "ADULT|ADOLESCENT") String population,
		@Size(max = 60) Map<@NotBlank String, @NotBlank String> thresholdOverrides,
		@Identifier String onCallClinicianId, @Size(max = 10) List<@NotBlank @Size(max = 500) String> webhookTargets,
		@Nullable @Size(max = 5) List<@NotNull ProgramType> types) {

	/** A program that declares no types. */
	public ProgramRequest(String name, ProgramType type, String timeZone, String population,
			@Nullable Map<String, String> thresholdOverrides, @Nullable String onCallClinicianId,
			@Nullable List<String> webhookTargets) {
		this(name, type, timeZone, population, thresholdOverrides, onCallClinicianId, webhookTargets, null);
	}

	/**
	 * The declared types once each, in their declaration order of {@link ProgramType};
	 * null when none are declared.
	 */
	public @Nullable List<ProgramType> declaredTypes() {
		return (this.types == null || this.types.isEmpty()) ? null : this.types.stream().distinct().sorted().toList();
	}

}
