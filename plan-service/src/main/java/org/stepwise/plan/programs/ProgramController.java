package org.stepwise.plan.programs;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.web.RequestRejectedException;

/**
 * Programs: the program admins of a program create and update it, the staff of a program
 * (clinicians and admins) read it; other programs do not exist for them (404).
 */
@RestController
@Tag(name = "programs", description = "Programs and their clinical settings (time zone, thresholds, evaluation)")
class ProgramController {

	private final Programs programs;

	ProgramController(Programs programs) {
		this.programs = programs;
	}

	/** Create: {@code programId} in the body's path segment, 409 if it exists. */
	@Operation(summary = "Create a program's settings")
	@PostMapping("/api/v1/programs/{programId}")
	ResponseEntity<Program> create(Caller caller, @PathVariable String programId,
			@Valid @RequestBody ProgramRequest request) {
		requireAdmin(caller, programId);
		return ResponseEntity.status(HttpStatus.CREATED).body(this.programs.save(checked(programId), request, true));
	}

	@Operation(summary = "Replace a program's settings")
	@ApiResponse(responseCode = "404", description = "No such program (or not visible to the caller)")
	@PutMapping("/api/v1/programs/{programId}")
	Program update(Caller caller, @PathVariable String programId, @Valid @RequestBody ProgramRequest request) {
		requireAdmin(caller, programId);
		return this.programs.save(checked(programId), request, false);
	}

	@Operation(summary = "Read a program's settings")
	@ApiResponse(responseCode = "404", description = "No such program (or not visible to the caller)")
	@GetMapping("/api/v1/programs/{programId}")
	Program get(Caller caller, @PathVariable String programId) {
		caller.requireProgram(programId);
		return this.programs.find(programId)
			.orElseThrow(
					() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "program_not_found", "No such program"));
	}

	@Operation(summary = "The programs the caller belongs to")
	@GetMapping("/api/v1/programs")
	List<Program> all(Caller caller) {
		return this.programs.all().stream().filter((program) -> caller.inProgram(program.programId())).toList();
	}

	/**
	 * Program admins of that program (it must be in their token, also to create it);
	 * everyone else gets 404, so program ids cannot be probed.
	 */
	private static void requireAdmin(Caller caller, String programId) {
		if (!caller.isProgramAdminOf(programId)) {
			throw new NotVisibleException();
		}
	}

	private static String checked(String programId) {
		if (!programId.matches("[A-Za-z0-9._-]{1,64}")) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_program_id",
					"Program ids are 1-64 letters, digits, '.', '_' or '-'");
		}
		return programId;
	}

}
