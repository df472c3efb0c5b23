package org.stepwise.alert.webhook;

import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stepwise.alert.access.AlertScope;
import org.stepwise.platform.security.Caller;

@RestController
@Tag(name = "webhooks", description = "Deliveries of alerts to a program's webhook")
@RequestMapping("/api/v1/webhooks")
@Validated
class WebhookController {

	private final Webhooks webhooks;

	private final AlertScope scope;

	WebhookController(Webhooks webhooks, AlertScope scope) {
		this.webhooks = webhooks;
		this.scope = scope;
	}

	/**
	 * The delivery log, newest first: every attempt with its status, never the body or
	 * the secret. Program admins only, of the program asked for (404 otherwise); without
	 * {@code programId}, the programs the caller administers.
	 */
	@Operation(summary = "Recent webhook deliveries of a program, with their outcome")
	@GetMapping("/deliveries")
	List<WebhookDelivery> deliveries(Caller caller, @RequestParam(required = false) @Nullable String programId,
			@RequestParam(required = false) @Nullable String alertId,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		List<String> programs = (programId != null) ? List.of(programId) : caller.programs().stream().sorted().toList();
		for (String program : programs) {
			this.scope.requireProgram(caller, "webhook.deliveries.read", program, caller.isProgramAdminOf(program));
		}
		return programs.stream()
			.flatMap((program) -> this.webhooks.log(program, alertId, limit).stream())
			.sorted(Comparator.comparing(WebhookDelivery::createdAt).reversed())
			.limit(limit)
			.toList();
	}

}
