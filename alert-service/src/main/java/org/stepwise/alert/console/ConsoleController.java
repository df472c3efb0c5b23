package org.stepwise.alert.console;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.alert.program.Program;
import org.stepwise.alert.program.Programs;
import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.Role;

/** Who is signed in to the console: shown in the page header. */
@RestController
@Hidden
class ConsoleController {

	private final Programs programs;

	ConsoleController(Programs programs) {
		this.programs = programs;
	}

	@GetMapping("/console/me")
	Me me(Caller caller) {
		List<String> ids = caller.programs().stream().sorted().toList();
		List<ProgramView> details = ids.stream()
			.map((id) -> new ProgramView(id, this.programs.find(id).map(Program::name).orElse(id),
					Wording.zone(this.programs.zone(id))))
			.toList();
		return new Me(caller.subject(), caller.clinicianId().orElse(null),
				caller.roles().stream().map(Role::claim).sorted().toList(), ids, details);
	}

	/**
	 * @param name the user name
	 * @param clinicianId the clinician id (the one alert steps are taken by), if any
	 * @param programs the ids of the programs in the token
	 * @param programDetails the same programs with their names and time zones
	 */
	record Me(String name, @Nullable String clinicianId, List<String> roles, List<String> programs,
			List<ProgramView> programDetails) {
	}

	/** A program as the header shows it: its name and the zone its times are shown in. */
	record ProgramView(String id, String name, String zone) {
	}

}
