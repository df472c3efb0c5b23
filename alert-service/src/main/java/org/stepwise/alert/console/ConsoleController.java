package org.stepwise.alert.console;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.Role;

/** Who is signed in to the console: shown in the page header. */
@RestController
@Hidden
class ConsoleController {

	@GetMapping("/console/me")
	Me me(Caller caller) {
		return new Me(caller.subject(), caller.clinicianId().orElse(null),
				caller.roles().stream().map(Role::claim).sorted().toList(),
				caller.programs().stream().sorted().toList());
	}

	/**
	 * @param name the user name
	 * @param clinicianId the clinician id (the one alert steps are taken by), if any
	 */
	record Me(String name, @Nullable String clinicianId, List<String> roles, List<String> programs) {
	}

}
