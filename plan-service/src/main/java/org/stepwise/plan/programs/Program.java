package org.stepwise.plan.programs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.program.ProgramType;
import org.stepwise.plan.progress.domain.ProgramFocus;
import org.stepwise.platform.outbox.OutboxEntry;

/**
 * A program, the source of the compacted {@code stepwise.programs.v1}; {@code revision}
 * is the {@code ProgramUpdated.version} consumers keep the highest of.
 *
 * @param type the program's kind as a label
 * @param types what it monitors (docs/clinical-rules.md, program types); null in programs
 * stored before types, and for a program that declares none: monitored as addiction and
 * mental health
 */
@Document("programs")
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
@CompoundIndex(name = OutboxEntry.PENDING_INDEX, def = OutboxEntry.PENDING_KEYS,
		partialFilter = OutboxEntry.PENDING_FILTER)
public record Program(@Id String programId, String name, ProgramType type, String timeZone, String population,
		Map<String, String> thresholdOverrides, @Nullable String onCallClinicianId, List<String> webhookTargets,
		long revision, Instant updatedAt, @JsonIgnore @Version Long version, @JsonIgnore List<OutboxEntry> outbox,
		@Nullable List<ProgramType> types) {

	public Program {
		thresholdOverrides = Map.copyOf(thresholdOverrides == null ? Map.of() : thresholdOverrides);
		webhookTargets = List.copyOf(webhookTargets == null ? List.of() : webhookTargets);
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
		types = (types == null) ? null : List.copyOf(types);
	}

	/** What the rules evaluate for this program. */
	public ProgramFocus focus() {
		return ProgramFocus.of(this.types);
	}

}
