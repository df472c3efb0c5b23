package org.stepwise.plan.programs;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.plan.PlanProperties;
import org.stepwise.plan.progress.domain.ProgramFocus;
import org.stepwise.plan.progress.domain.Thresholds;
import org.stepwise.platform.outbox.OnConflict;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.web.RequestRejectedException;
import org.stepwise.platform.web.RequestRejectedException.FieldProblem;

/**
 * Programs and what evaluation needs of them (zone, thresholds), cached per instance. The
 * cache is refreshed by every write here and by {@code ProgramUpdated} events read back
 * from the compacted topic, so every instance sees another instance's change.
 */
@Service
public class Programs {

	private final ProgramRepository repository;

	private final OutboxEvents events;

	private final OutboxRelay relay;

	private final Clock clock;

	private final Thresholds base;

	private final Settings fallback;

	private final Map<String, Settings> cache = new ConcurrentHashMap<>();

	/**
	 * What evaluation needs of a program.
	 *
	 * @param focus what the rules evaluate for it, from its types
	 */
	public record Settings(ZoneId zone, Thresholds thresholds, long revision, ProgramFocus focus) {
	}

	Programs(ProgramRepository repository, OutboxEvents events, OutboxRelay relay, Clock clock,
			PlanProperties properties) {
		this.repository = repository;
		this.events = events;
		this.relay = relay;
		this.clock = clock;
		this.base = Thresholds.DEFAULTS.withOverrides(properties.thresholdDefaultsWithExpiry());
		this.fallback = new Settings(ZoneId.of(properties.defaultZone()), this.base, -1, ProgramFocus.DEFAULT);
	}

	/**
	 * A program's types as one metric tag value ({@link ProgramType#tagOf}), of a program
	 * not known here too.
	 */
	public String typeTag(@Nullable String programId) {
		return ProgramType.tagOf((programId == null) ? null : find(programId).map(Program::types).orElse(null));
	}

	public Settings settings(String programId) {
		Settings cached = this.cache.get(programId);
		if (cached != null) {
			return cached;
		}
		Optional<Program> program = this.repository.findById(programId);
		if (program.isPresent()) {
			return remember(program.get());
		}
		// An unknown program is evaluated on the defaults, remembered as the oldest
		// revision: its creation, here (save) or on another instance (seen), replaces it.
		this.cache.putIfAbsent(programId, this.fallback);
		return this.fallback;
	}

	public Optional<Program> find(String programId) {
		return this.repository.findById(programId);
	}

	public List<Program> all() {
		return this.repository.findAll();
	}

	public boolean exists(String programId) {
		return this.repository.existsById(programId);
	}

	/** Creates ({@code create}) or updates a program and publishes it. */
	public Program save(String programId, ProgramRequest request, boolean create) {
		ZoneId zone = zone(request.timeZone());
		Thresholds thresholds = thresholds(request.thresholdOverrides());
		Program saved = OnConflict.retry(() -> {
			Optional<Program> existing = this.repository.findById(programId);
			if (create && existing.isPresent()) {
				throw new RequestRejectedException(HttpStatus.CONFLICT, "program_exists", "The program already exists");
			}
			if (!create && existing.isEmpty()) {
				throw new RequestRejectedException(HttpStatus.NOT_FOUND, "program_not_found", "No such program");
			}
			Instant now = this.clock.instant();
			long revision = existing.map(Program::revision).orElse(0L) + 1;
			ProgramUpdated event = new ProgramUpdated(programId, request.name(), request.type(), zone.getId(),
					request.population(),
					(request.thresholdOverrides() != null) ? request.thresholdOverrides() : Map.of(),
					request.onCallClinicianId(),
					(request.webhookTargets() != null) ? request.webhookTargets() : List.of(), revision, now,
					request.declaredTypes());
			List<OutboxEntry> outbox = new java.util.ArrayList<>(existing.map(Program::outbox).orElse(List.of()));
			outbox.add(this.events.entry(event, now));
			return this.repository
				.save(new Program(programId, request.name(), request.type(), zone.getId(), request.population(),
						event.thresholdOverrides(), request.onCallClinicianId(), event.webhookTargets(), revision, now,
						existing.map(Program::version).orElse(null), outbox, event.types()));
		});
		this.relay.nudge(Program.class, programId);
		this.cache.put(programId, new Settings(zone, thresholds, saved.revision(), saved.focus()));
		return saved;
	}

	/** A program change seen on the topic (possibly from another instance). */
	public void seen(ProgramUpdated event) {
		try {
			Settings settings = new Settings(ZoneId.of(event.timeZone()),
					this.base.withOverrides(event.thresholdOverrides()), event.version(),
					ProgramFocus.of(event.types()));
			this.cache.merge(event.programId(), settings, Programs::newer);
		}
		catch (DateTimeException | IllegalArgumentException ex) {
			// Written by this service, so already validated; an invalid one keeps the
			// last good settings.
		}
	}

	/**
	 * A tombstone on the programs topic: drop the cached settings, so the next evaluation
	 * reads the program from the store, which this service owns (Stepwise has no program
	 * deletion of its own: a tombstone is an operator's clean-up of the topic).
	 */
	public void forget(String programId) {
		this.cache.remove(programId);
	}

	private Settings remember(Program program) {
		Settings settings = new Settings(ZoneId.of(program.timeZone()),
				this.base.withOverrides(program.thresholdOverrides()), program.revision(), program.focus());
		// a newer revision seen on the topic meanwhile stays
		return this.cache.merge(program.programId(), settings, Programs::newer);
	}

	private static Settings newer(Settings old, Settings fresh) {
		return (fresh.revision() >= old.revision()) ? fresh : old;
	}

	private static ZoneId zone(String zone) {
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_time_zone", "Unknown time zone",
					List.of(new FieldProblem("timeZone", "must be an IANA zone id, e.g. America/Chicago")));
		}
	}

	private Thresholds thresholds(Map<String, String> overrides) {
		try {
			return this.base.withOverrides(overrides);
		}
		catch (IllegalArgumentException ex) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_threshold",
					"Invalid threshold override", List.of(new FieldProblem("thresholdOverrides", ex.getMessage())));
		}
	}

}
