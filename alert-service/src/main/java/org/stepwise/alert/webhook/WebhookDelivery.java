package org.stepwise.alert.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One alert event to one webhook target of its program, with every attempt: the delivery
 * log. Stored before the first attempt, so a restart neither loses nor repeats a
 * delivered one (the lease is taken under the optimistic lock).
 *
 * @param id the event id and the target's index, so a redelivered event makes no second
 * delivery
 * @param body the exact bytes sent (the CloudEvents JSON of the alert event)
 * @param status {@code PENDING} (waiting for its next attempt), {@code DELIVERED} or
 * {@code FAILED}
 * @param nextAttemptAt when it is due (also the lease while an attempt runs)
 * @param contentType the body's media type: {@code application/fhir+json} for a FHIR
 * subscription's Communication; null for the CloudEvents JSON of a webhook
 */
@Document("webhookDeliveries")
@CompoundIndex(name = "status_due", def = "{'status': 1, 'nextAttemptAt': 1}")
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
@CompoundIndex(name = "program_created", def = "{'programId': 1, 'createdAt': 1}")
@CompoundIndex(name = "alert_created", def = "{'alertId': 1, 'createdAt': 1}")
@CompoundIndex(name = "created", def = "{'createdAt': 1}")
public record WebhookDelivery(@Id String id, String eventId, String eventType, String programId, String alertId,
		String target, @JsonIgnore String body, String status, List<Attempt> attempts, Instant createdAt,
		@Nullable Instant nextAttemptAt, @Nullable String contentType, @JsonIgnore @Version @Nullable Long version) {

	public static final String PENDING = "PENDING";

	public static final String DELIVERED = "DELIVERED";

	public static final String FAILED = "FAILED";

	static final String CLOUDEVENTS = "application/cloudevents+json";

	public WebhookDelivery {
		attempts = List.copyOf(attempts == null ? List.of() : attempts);
	}

	/**
	 * @param status the HTTP status, or 0 when there was no response
	 * @param error why it failed without a status (e.g. a timeout); never the secret
	 */
	public record Attempt(Instant at, int status, @Nullable String error, long millis) {
	}

	WebhookDelivery leased(Instant until) {
		return new WebhookDelivery(this.id, this.eventId, this.eventType, this.programId, this.alertId, this.target,
				this.body, this.status, this.attempts, this.createdAt, until, this.contentType, this.version);
	}

	WebhookDelivery after(Attempt attempt, String status, @Nullable Instant nextAttemptAt) {
		List<Attempt> all = new ArrayList<>(this.attempts);
		all.add(attempt);
		return new WebhookDelivery(this.id, this.eventId, this.eventType, this.programId, this.alertId, this.target,
				this.body, status, all, this.createdAt, nextAttemptAt, this.contentType, this.version);
	}

}
