package org.stepwise.alert.program;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import org.stepwise.alert.escalation.EscalationPolicy;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.platform.inbox.ReceivedEvent;

/**
 * The programs read model: keeps the newest version of each program from
 * {@code stepwise.programs.v1}, and answers what alerting needs of a program (on-call
 * clinician, webhook targets, escalation targets with the program's overrides).
 * <p>
 * Every event alerting handles asks for its program, so each instance keeps what it read
 * for {@link #CACHED_FOR}: the programs group gives each change to one instance, which
 * sees it at once; another instance of the service sees it when its copy expires.
 */
@Component
public class Programs {

	static final Duration CACHED_FOR = Duration.ofSeconds(10);

	private final ProgramRepository programs;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private final EscalationPolicy defaults;

	Programs(ProgramRepository programs, EscalationPolicy defaults) {
		this.programs = programs;
		this.defaults = defaults;
	}

	/** A program as read (or its absence), and until when it is trusted (nano time). */
	private record Cached(Optional<Program> program, long until) {

		static Cached of(Optional<Program> program) {
			return new Cached(program, System.nanoTime() + CACHED_FOR.toNanos());
		}

		boolean fresh() {
			return System.nanoTime() - this.until < 0;
		}

	}

	public void handle(List<ReceivedEvent> events) {
		for (ReceivedEvent event : events) {
			if (event.data() instanceof ProgramUpdated updated) {
				apply(updated);
			}
		}
	}

	void apply(ProgramUpdated updated) {
		Optional<Program> current = this.programs.findById(updated.programId());
		if (current.isPresent() && current.get().version() >= updated.version()) {
			this.cache.put(updated.programId(), Cached.of(current));
			return;
		}
		Program saved = this.programs.save(
				new Program(updated.programId(), updated.name(), updated.onCallClinicianId(), updated.webhookTargets(),
						updated.thresholdOverrides(), updated.version(), updated.timeZone(), updated.types()));
		this.cache.put(updated.programId(), Cached.of(Optional.of(saved)));
	}

	/**
	 * A tombstone on the compacted topic: the program is gone from the topic, and after
	 * compaction an instance replaying it would not know it, so this one forgets it too
	 * (its webhooks stop; escalation falls back to the defaults). A newer
	 * {@code ProgramUpdated} brings it back.
	 */
	public void delete(String programId) {
		this.programs.deleteById(programId);
		this.cache.remove(programId);
	}

	public Optional<Program> find(String programId) {
		Cached cached = this.cache.get(programId);
		if (cached != null && cached.fresh()) {
			return cached.program();
		}
		Optional<Program> program = this.programs.findById(programId);
		this.cache.put(programId, Cached.of(program));
		return program;
	}

	/**
	 * The program's clinical zone, whose days evidence names; UTC for a program not (yet)
	 * known here or stored without one.
	 */
	public ZoneId zone(String programId) {
		return find(programId).map(Program::timeZone).map(ZoneId::of).orElse(ZoneOffset.UTC);
	}

	/**
	 * The program's types as a metric tag value ({@link ProgramType#tagOf});
	 * {@value ProgramType#UNTYPED} for a program not (yet) known here.
	 */
	public String typeTag(@Nullable String programId) {
		return ProgramType.tagOf((programId == null) ? null : find(programId).map(Program::types).orElse(null));
	}

	/** The escalation targets for a program: the defaults with its overrides. */
	public EscalationPolicy escalation(String programId) {
		return find(programId).map((program) -> this.defaults.withOverrides(program.thresholdOverrides()))
			.orElse(this.defaults);
	}

}
