package org.stepwise.alert.program;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.program.ProgramType;

/**
 * What alert-service knows of a program, from the compacted {@code stepwise.programs.v1}
 * (the latest {@code ProgramUpdated} is the program).
 *
 * @param onCallClinicianId whom unacknowledged alerts escalate to; null when nobody is
 * named
 * @param webhookTargets URLs alert changes of this program are delivered to
 * @param thresholdOverrides e.g. {@code stepwise.escalation.critical=10m}
 * @param timeZone the program's clinical zone (IANA), whose days evidence names; null on
 * programs stored before it was kept
 * @param version the highest program version applied; older or repeated events are
 * ignored
 * @param types what the program monitors, for the alert metrics' {@code program_type}
 * tag; null on programs stored before it was kept or declaring none
 */
@Document("programs")
public record Program(@Id String id, String name, @Nullable String onCallClinicianId, List<String> webhookTargets,
		Map<String, String> thresholdOverrides, long version, @Nullable String timeZone,
		@Nullable List<ProgramType> types) {

	public Program {
		webhookTargets = List.copyOf(webhookTargets == null ? List.of() : webhookTargets);
		thresholdOverrides = Map.copyOf(thresholdOverrides == null ? Map.of() : thresholdOverrides);
	}

}
