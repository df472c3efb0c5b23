package org.stepwise.alert.program;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.StoreWrites;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event alerting handles asks for its program; the store is asked once in
 * {@link Programs#CACHED_FOR}, and a change this instance applies is seen at once (issue
 * 19: the replay found a program read per event, a fifth of alert-service's CPU).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class ProgramsCacheTest {

	@Autowired
	Programs programs;

	@Test
	void aProgramIsReadFromTheStoreOnceForManyEvents() {
		String program = "program-" + System.nanoTime();
		this.programs.apply(updated(program, "oncall-1", 1));

		List<String> commands = StoreWrites.commandsDuring(() -> {
			for (int event = 0; event < 50; event++) {
				this.programs.zone(program);
				this.programs.typeTag(program);
				this.programs.escalation(program);
			}
		});

		assertThat(commands).doesNotContain("find programs");
		assertThat(this.programs.zone(program)).hasToString("America/Chicago");
	}

	@Test
	void anUnknownProgramIsAskedForOnceAndItsArrivalIsSeenAtOnce() {
		String program = "program-" + System.nanoTime();

		List<String> commands = StoreWrites.commandsDuring(() -> {
			for (int event = 0; event < 50; event++) {
				assertThat(this.programs.find(program)).isEmpty();
			}
		});
		this.programs.apply(updated(program, "oncall-1", 1));

		assertThat(commands).containsOnlyOnce("find programs");
		assertThat(this.programs.find(program)).get().extracting(Program::onCallClinicianId).isEqualTo("oncall-1");
	}

	@Test
	void anOlderVersionDoesNotReplaceTheNewerOneAndADeletionIsSeenAtOnce() {
		String program = "program-" + System.nanoTime();
		this.programs.apply(updated(program, "oncall-2", 2));
		this.programs.apply(updated(program, "oncall-1", 1));

		assertThat(this.programs.find(program)).get().extracting(Program::onCallClinicianId).isEqualTo("oncall-2");

		this.programs.delete(program);

		assertThat(this.programs.find(program)).isEmpty();
	}

	private static ProgramUpdated updated(String program, String onCall, long version) {
		return new ProgramUpdated(program, "Evening IOP", ProgramType.ADDICTION, "America/Chicago", "ADULT", Map.of(),
				onCall, List.of(), version, Instant.now());
	}

}
