package org.stepwise.contracts.program;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.Range;

/**
 * The full current state of a program (created or updated).
 *
 * @param type the program's kind as a label (what the console shows)
 * @param timeZone IANA zone id; all clinical windows of the program use it
 * @param population {@code ADULT} or {@code ADOLESCENT}
 * @param thresholdOverrides docs/clinical-rules.md thresholds this program overrides, by
 * property name
 * @param webhookTargets URLs alert-service delivers to (secrets are not in events)
 * @param types what the program monitors (docs/clinical-rules.md, program types); null or
 * empty, as in events from before it existed: addiction and mental health, the behaviour
 * of every program before types
 */
public record ProgramUpdated(@Identifier String programId, String name, ProgramType type, String timeZone,
		String population, Map<String, String> thresholdOverrides, @Nullable String onCallClinicianId,
		List<String> webhookTargets, @Range(min = 0) long version, Instant occurredAt,
		@Nullable List<ProgramType> types) implements ProgramEvent {

	/** A program that declares no types (monitored as addiction and mental health). */
	public ProgramUpdated(String programId, String name, ProgramType type, String timeZone, String population,
			Map<String, String> thresholdOverrides, @Nullable String onCallClinicianId, List<String> webhookTargets,
			long version, Instant occurredAt) {
		this(programId, name, type, timeZone, population, thresholdOverrides, onCallClinicianId, webhookTargets,
				version, occurredAt, null);
	}

}
