package org.stepwise.plan.programs;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.web.RequestRejectedException;

@RestController
class ProgramController {

	private final Programs programs;

	ProgramController(Programs programs) {
		this.programs = programs;
	}

	/** Create: {@code programId} in the body's path segment, 409 if it exists. */
	@PostMapping("/api/v1/programs/{programId}")
	ResponseEntity<Program> create(@PathVariable String programId, @Valid @RequestBody ProgramRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.programs.save(checked(programId), request, true));
	}

	@PutMapping("/api/v1/programs/{programId}")
	Program update(@PathVariable String programId, @Valid @RequestBody ProgramRequest request) {
		return this.programs.save(checked(programId), request, false);
	}

	@GetMapping("/api/v1/programs/{programId}")
	Program get(@PathVariable String programId) {
		return this.programs.find(programId)
			.orElseThrow(
					() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "program_not_found", "No such program"));
	}

	@GetMapping("/api/v1/programs")
	List<Program> all() {
		return this.programs.all();
	}

	private static String checked(String programId) {
		if (!programId.matches("[A-Za-z0-9._-]{1,64}")) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_program_id",
					"Program ids are 1-64 letters, digits, '.', '_' or '-'");
		}
		return programId;
	}

}
