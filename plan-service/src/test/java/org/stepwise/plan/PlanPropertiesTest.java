package org.stepwise.plan;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import org.stepwise.contracts.program.ProgramType;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo program seeds bind with and without types (issue 22). */
class PlanPropertiesTest {

	@Test
	void aSeedProgramMayDeclareItsTypes() {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource(Map.of(
				"stepwise.plan.seed-programs[0].program-id", "teen", "stepwise.plan.seed-programs[0].name", "Teen IOP",
				"stepwise.plan.seed-programs[0].type", "ADOLESCENT", "stepwise.plan.seed-programs[0].types",
				"ADDICTION,ADOLESCENT", "stepwise.plan.seed-programs[1].program-id", "plain",
				"stepwise.plan.seed-programs[1].type", "ADDICTION"));

		PlanProperties properties = new Binder(source).bindOrCreate("stepwise.plan", PlanProperties.class);

		assertThat(properties.seedPrograms().get(0).types()).containsExactly(ProgramType.ADDICTION,
				ProgramType.ADOLESCENT);
		assertThat(properties.seedPrograms().get(1).types()).isEmpty();
	}

}
