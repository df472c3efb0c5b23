package org.stepwise.alert.webhook;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/webhooks")
@Validated
class WebhookController {

	private final Webhooks webhooks;

	WebhookController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	/**
	 * The delivery log, newest first: every attempt with its status, never the secret.
	 */
	@GetMapping("/deliveries")
	List<WebhookDelivery> deliveries(@RequestParam(required = false) @Nullable String programId,
			@RequestParam(required = false) @Nullable String alertId,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		return this.webhooks.log(programId, alertId, limit);
	}

}
