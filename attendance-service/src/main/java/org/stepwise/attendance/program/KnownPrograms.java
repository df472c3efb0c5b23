package org.stepwise.attendance.program;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.platform.inbox.ReceivedEvent;

/**
 * The programs read model: the newest version of each program from
 * {@code stepwise.programs.v1} (duplicates and older versions change nothing), so
 * attendance-service knows which programs treat substance use.
 */
@Component
public class KnownPrograms {

	private final KnownProgramRepository programs;

	KnownPrograms(KnownProgramRepository programs) {
		this.programs = programs;
	}

	public void handle(List<ReceivedEvent> events) {
		for (ReceivedEvent event : events) {
			if (event.data() instanceof ProgramUpdated updated) {
				apply(updated);
			}
		}
	}

	void apply(ProgramUpdated updated) {
		Optional<KnownProgram> current = this.programs.findById(updated.programId());
		if (current.isPresent() && current.get().version() >= updated.version()) {
			return;
		}
		this.programs.save(new KnownProgram(updated.programId(), updated.type(),
				(updated.types() != null) ? List.copyOf(updated.types()) : null, updated.version()));
	}

	/**
	 * A tombstone on the compacted topic: the program is forgotten here too (a newer
	 * {@code ProgramUpdated} brings it back).
	 */
	public void delete(String programId) {
		this.programs.deleteById(programId);
	}

	/** The program, empty while it is not (yet) known here. */
	public Optional<KnownProgram> find(String programId) {
		return this.programs.findById(programId);
	}

}
