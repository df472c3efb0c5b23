package org.stepwise.alert.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.stepwise.alert.fhir.AlertResources;
import org.stepwise.alert.fhir.FhirSubscription;
import org.stepwise.alert.fhir.FhirSubscriptionRepository;
import org.stepwise.alert.program.Program;
import org.stepwise.alert.program.Programs;
import org.stepwise.alert.webhook.WebhookDelivery.Attempt;
import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.alert.AlertEvent;
import org.stepwise.contracts.alert.AlertRaised;
import org.stepwise.fhir.FhirJson;
import org.stepwise.platform.inbox.ReceivedEvent;
import org.stepwise.platform.security.Secret;

/**
 * Outgoing webhooks per program: every alert event becomes a stored delivery per webhook
 * target of its program (from the programs read model), sent as the CloudEvents JSON
 * signed with the program's secret, retried with exponential back-off, and kept with
 * every attempt (the delivery log). A new alert also becomes a delivery per FHIR
 * subscription of its program ({@link FhirSubscription}), its body the alert as a
 * Communication, signed, retried and logged the same way. Fed by the service's consumer
 * group on the alerts topic, so one instance stores each delivery; sending takes a lease
 * under the optimistic lock, so two instances never send the same attempt.
 */
@Component
public class Webhooks {

	private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

	private final WebhookDeliveryRepository deliveries;

	private final MongoOperations mongo;

	private final Programs programs;

	private final EventCodec codec;

	private final WebhookProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	private final FhirSubscriptionRepository subscriptions;

	private final HttpClient http;

	Webhooks(WebhookDeliveryRepository deliveries, MongoOperations mongo, Programs programs, EventCodec codec,
			WebhookProperties properties, MeterRegistry meters, Clock clock, FhirSubscriptionRepository subscriptions) {
		this.subscriptions = subscriptions;
		this.deliveries = deliveries;
		this.mongo = mongo;
		this.programs = programs;
		this.codec = codec;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Alert events: one delivery per target of the program; repeats and events older than
	 * {@code max-event-age} are ignored.
	 */
	public void handle(List<ReceivedEvent> events) {
		Instant now = this.clock.instant();
		for (ReceivedEvent event : events) {
			if (!(event.data() instanceof AlertEvent alert)
					|| event.envelope().time().isBefore(now.minus(this.properties.maxEventAge()))) {
				continue;
			}
			List<String> targets = this.programs.find(alert.programId()).map(Program::webhookTargets).orElse(List.of());
			String body = new String(this.codec.encode(event.envelope()), StandardCharsets.UTF_8);
			for (int i = 0; i < targets.size(); i++) {
				store(new WebhookDelivery(event.id() + "/" + i, event.id(), event.envelope().type(), alert.programId(),
						alert.alertId(), targets.get(i), body, WebhookDelivery.PENDING, List.of(), now, now, null,
						null));
			}
			if (alert instanceof AlertRaised raised) {
				subscribed(event, raised, now);
			}
		}
	}

	/**
	 * A new alert to each FHIR subscription of its program that is active at the event's
	 * time, as a Communication; alerts of 42 CFR Part 2 kinds only to subscriptions
	 * created with a token that allowed them.
	 */
	private void subscribed(ReceivedEvent event, AlertRaised raised, Instant now) {
		List<FhirSubscription> subscribers = this.subscriptions.findByProgramId(raised.programId())
			.stream()
			.filter((subscription) -> subscription.activeAt(event.envelope().time()))
			.filter((subscription) -> subscription.part2() || !AlertResources.isPart2(raised.kind()))
			.toList();
		if (subscribers.isEmpty()) {
			return;
		}
		String body = FhirJson.encode(AlertResources.communication(raised));
		for (FhirSubscription subscription : subscribers) {
			store(new WebhookDelivery(event.id() + "/fhir/" + subscription.id(), event.id(), event.envelope().type(),
					raised.programId(), raised.alertId(), subscription.endpoint(), body, WebhookDelivery.PENDING,
					List.of(), now, now, FhirJson.MEDIA_TYPE, null));
		}
	}

	private void store(WebhookDelivery delivery) {
		try {
			this.mongo.insert(delivery);
		}
		catch (DuplicateKeyException ex) {
			// Redelivered event: already stored.
		}
	}

	@Scheduled(fixedDelayString = "${stepwise.webhooks.poll-interval:PT1S}", initialDelay = 1_000)
	void scheduledPass() {
		sendDue();
	}

	/** Sends every due delivery once. @return the deliveries attempted */
	public List<WebhookDelivery> sendDue() {
		Instant now = this.clock.instant();
		List<WebhookDelivery> attempted = new ArrayList<>();
		for (WebhookDelivery due : this.deliveries.findDue(now, PageRequest.of(0, 100))) {
			WebhookDelivery leased;
			try {
				// The lease: another pass (here or on another instance) sees it as not
				// due.
				leased = this.deliveries.save(due.leased(now.plus(this.properties.timeout().multipliedBy(3))));
			}
			catch (OptimisticLockingFailureException ex) {
				continue;
			}
			attempted.add(attempt(leased));
		}
		return attempted;
	}

	private WebhookDelivery attempt(WebhookDelivery delivery) {
		Secret secret = this.properties.secrets().get(delivery.programId());
		boolean unsigned = secret == null || secret.reveal().isBlank();
		Instant started = this.clock.instant();
		int status = 0;
		String error = null;
		if (unsigned) {
			error = "no signing secret configured for the program";
		}
		else {
			try {
				byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
				HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.target()))
					.timeout(this.properties.timeout())
					.header("Content-Type",
							(delivery.contentType() != null) ? delivery.contentType() : WebhookDelivery.CLOUDEVENTS)
					.header(WebhookSignature.HEADER, WebhookSignature.sign(secret.reveal(), body))
					.header("X-Stepwise-Delivery", delivery.id())
					.header("X-Stepwise-Event-Type", delivery.eventType())
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build();
				status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				error = "interrupted";
			}
			catch (Exception ex) {
				error = ex.getClass().getSimpleName();
			}
		}
		Instant finished = this.clock.instant();
		Attempt attempt = new Attempt(started, status, error,
				Math.max(0, Duration.between(started, finished).toMillis()));
		boolean delivered = status >= 200 && status < 300;
		int attempts = delivery.attempts().size() + 1;
		String outcome;
		WebhookDelivery next;
		if (delivered) {
			outcome = "delivered";
			next = delivery.after(attempt, WebhookDelivery.DELIVERED, null);
		}
		else if (attempts >= this.properties.maxAttempts() || unsigned) {
			outcome = "failed";
			next = delivery.after(attempt, WebhookDelivery.FAILED, null);
			log.warn("Webhook delivery {} of program {} failed after {} attempts (last: status {}, {})", delivery.id(),
					delivery.programId(), attempts, status, error);
		}
		else {
			outcome = "retrying";
			next = delivery.after(attempt, WebhookDelivery.PENDING, finished.plus(this.properties.backoff(attempts)));
		}
		this.meters.counter("stepwise.webhook.deliveries", "outcome", outcome).increment();
		return this.deliveries.save(next);
	}

	/** The delivery log, newest first. */
	public List<WebhookDelivery> log(@Nullable String programId, @Nullable String alertId, int limit) {
		PageRequest page = PageRequest.of(0, limit);
		if (alertId != null) {
			return this.deliveries.findByAlertIdOrderByCreatedAtDesc(alertId, page)
				.stream()
				.filter((delivery) -> programId == null || programId.equals(delivery.programId()))
				.toList();
		}
		if (programId != null) {
			return this.deliveries.findByProgramIdOrderByCreatedAtDesc(programId, page);
		}
		return this.deliveries.findAllByOrderByCreatedAtDesc(page);
	}

}
