package org.stepwise.plan.programs;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import org.stepwise.plan.PlanProperties;
import org.stepwise.plan.PlanProperties.ProgramSeed;

/**
 * Creates the configured demo programs that do not exist yet (never changes existing
 * ones).
 */
@Component
class ProgramSeeder implements ApplicationRunner {

	private final Programs programs;

	private final PlanProperties properties;

	ProgramSeeder(Programs programs, PlanProperties properties) {
		this.programs = programs;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.properties.seedEnabled()) {
			return;
		}
		for (ProgramSeed seed : this.properties.seedPrograms()) {
			if (!this.programs.exists(seed.programId())) {
				try {
					this.programs.save(seed.programId(), new ProgramRequest(seed.name(), seed.type(), seed.timeZone(),
							seed.population(), null, seed.onCallClinicianId(), null, seed.types()), true);
				}
				catch (org.stepwise.platform.web.RequestRejectedException ex) {
					// another instance seeded it first
				}
			}
		}
	}

}
