package org.stepwise.platform.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.platform.security.Caller;
import org.stepwise.platform.security.NotVisibleException;
import org.stepwise.platform.security.Role;
import org.stepwise.platform.web.RequestRejectedException;

/**
 * {@code GET /api/v1/audit}: the audit records this service wrote for one program, for
 * its program admins. Each service keeps (and answers for) its own records, as it keeps
 * its own data; the {@code stepwise.audit.v1} topic has them all in one stream. The query
 * itself is audited. {@code GET /api/v1/audit/verify}: whether this service's audit chain
 * holds.
 */
@RestController
@Tag(name = "audit", description = "Who read or changed which patient's data, and who was refused (program admins)")
public class AuditController {

	private static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

	private final AuditLog audit;

	public AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@Operation(summary = "The audit records of a program, optionally of one patient and time window")
	@GetMapping("/api/v1/audit")
	List<AuditEntry> query(Caller caller, @RequestParam(required = false) @Nullable String programId,
			@RequestParam(required = false) @Nullable String patientId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(defaultValue = "100") @Min(1) @Max(AuditLog.MAX_RESULTS) int limit) {
		String program = programId;
		if (program == null) {
			if (caller.programs().size() != 1) {
				throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "program_required",
						"programId is required when the token covers several programs");
			}
			program = caller.programs().iterator().next();
		}
		if (!caller.isProgramAdminOf(program)) {
			this.audit.denied(caller, "audit.read", program, patientId);
			throw new NotVisibleException();
		}
		Instant until = (to != null) ? to : Instant.now();
		Instant since = (from != null) ? from : until.minus(DEFAULT_WINDOW);
		if (since.isAfter(until)) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_window", "from must not be after to");
		}
		List<AuditEntry> entries = this.audit.find(program, patientId, since, until, limit);
		this.audit.allowed(caller, "audit.read", program, patientId);
		return entries;
	}

	@Operation(summary = "Whether this service's audit chain holds: records checked and the first break",
			description = "Sequences, times and hashes only. Records written before the chain began are counted as unchained, not as a break.")
	@GetMapping("/api/v1/audit/verify")
	AuditChainReport verify(Caller caller) {
		// the chain spans every program, and its report names none of their data
		if (!caller.has(Role.PROGRAM_ADMIN)) {
			this.audit.denied(caller, "audit.verify", null, null);
			throw new RequestRejectedException(HttpStatus.FORBIDDEN, "forbidden", "Program admins only");
		}
		AuditChainReport report = AuditChainReport.of(this.audit.verifyChain());
		this.audit.allowed(caller, "audit.verify", null, null);
		return report;
	}

}
