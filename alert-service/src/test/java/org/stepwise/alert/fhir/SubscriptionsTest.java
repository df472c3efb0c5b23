package org.stepwise.alert.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.Set;

import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;

import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.fhir.R4Validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SubscriptionsTest {

	static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

	@Test
	void aRestHookToNewAlertsIsTakenWithTheTokensOnlyProgram() {
		Subscriptions.Requested requested = Subscriptions.requested(subscription(), Set.of("program-a"), NOW);

		assertThat(requested.programId()).isEqualTo("program-a");
		assertThat(requested.endpoint()).isEqualTo("https://ehr.example/fhir/hook");
		assertThat(requested.reason()).isEqualTo("New alerts into the EHR's inbox");
		assertThat(requested.end()).isNull();
	}

	@Test
	void theProgramExtensionNamesTheProgramWhenTheTokenHasSeveral() {
		Subscription subscription = subscription();
		subscription.addExtension(new Extension(Subscriptions.PROGRAM_EXTENSION, new StringType("program-b")));

		assertThat(Subscriptions.requested(subscription, Set.of("program-a", "program-b"), NOW).programId())
			.isEqualTo("program-b");
	}

	@Test
	void everyElementAtFaultIsNamedWithoutItsValue() {
		Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.OFF)
			.setCriteria("Patient?name=hidden-name");
		subscription.getChannel()
			.setType(Subscription.SubscriptionChannelType.EMAIL)
			.setEndpoint("mailto:hidden@example.org")
			.setPayload("application/xml")
			.addHeader("Authorization: Bearer hidden-token");
		subscription.setEnd(Date.from(NOW.minusSeconds(60)));

		FhirRejection rejected = catchThrowableOfType(FhirRejection.class,
				() -> Subscriptions.requested(subscription, Set.of("program-a", "program-b"), NOW));

		assertThat(rejected.issues()).extracting(FhirIssue::expression)
			.containsExactlyInAnyOrder("Subscription.status", "Subscription.reason", "Subscription.criteria",
					"Subscription.channel.type", "Subscription.channel.endpoint", "Subscription.channel.payload",
					"Subscription.channel.header", "Subscription.end",
					"Subscription.extension.where(url='" + Subscriptions.PROGRAM_EXTENSION + "')");
		assertThat(rejected.issues()).extracting(FhirIssue::message)
			.allSatisfy((message) -> assertThat(message).doesNotContain("hidden"));
	}

	@Test
	void aStoredSubscriptionIsAValidResourceActiveUntilItsEnd() {
		FhirSubscription stored = new FhirSubscription("sub-1", "program-a", "New alerts", Subscriptions.CRITERIA,
				"https://ehr.example/fhir/hook", NOW.plusSeconds(3600), false, "admin-a", NOW, "f");

		Subscription active = Subscriptions.resource(stored, NOW);
		Subscription off = Subscriptions.resource(stored, NOW.plusSeconds(7200));

		assertThat(R4Validation.errors(active)).as(FhirJson.encode(active)).isEmpty();
		assertThat(active.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
		assertThat(active.getChannel().getPayload()).isEqualTo("application/fhir+json");
		assertThat(((StringType) active.getExtensionByUrl(Subscriptions.PROGRAM_EXTENSION).getValue()).getValue())
			.isEqualTo("program-a");
		assertThat(off.getStatus()).isEqualTo(Subscription.SubscriptionStatus.OFF);
		assertThat(stored.activeAt(NOW.minusSeconds(1))).as("before it was created").isFalse();
		assertThat(stored.activeAt(NOW)).isTrue();
		assertThat(stored.activeAt(NOW.plusSeconds(3600))).as("at its end").isFalse();
	}

	static Subscription subscription() {
		Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
			.setReason("New alerts into the EHR's inbox")
			.setCriteria(Subscriptions.CRITERIA);
		subscription.getChannel()
			.setType(Subscription.SubscriptionChannelType.RESTHOOK)
			.setEndpoint("https://ehr.example/fhir/hook")
			.setPayload("application/fhir+json");
		return subscription;
	}

}
