package org.stepwise.alert.fhir;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifiers;
import org.stepwise.fhir.FhirIssue;
import org.stepwise.fhir.FhirJson;
import org.stepwise.fhir.FhirRejection;
import org.stepwise.fhir.ProgramExtension;

/**
 * What a Subscription may ask for, checked, and a stored subscription as a Subscription
 * resource. Supported: criteria {@value #CRITERIA} (every new alert of the program), a
 * {@code rest-hook} channel to an http(s) endpoint with payload
 * {@code application/fhir+json}, an optional {@code end}; the program by the extension
 * {@value #PROGRAM_EXTENSION} or the token's only program. Not supported: channel headers
 * (deliveries are signed with the program's webhook secret instead), other channels and
 * criteria. Pure: no Spring, no I/O.
 */
public final class Subscriptions {

	public static final String CRITERIA = "Communication?category=alert";

	/** The patient's program, as assessment-service's QuestionnaireResponses name it. */
	public static final String PROGRAM_EXTENSION = ProgramExtension.URL;

	private static final int MAX_REASON = 500;

	private static final int MAX_ENDPOINT = 2000;

	private Subscriptions() {
	}

	/**
	 * A subscription as asked.
	 *
	 * @param end when delivery stops, or null
	 */
	public record Requested(String programId, String reason, String endpoint, @Nullable Instant end) {
	}

	/**
	 * @param programs the caller's programs (the program when the resource names none and
	 * there is one)
	 * @throws FhirRejection (422) naming every element at fault, never its value
	 */
	public static Requested requested(Subscription subscription, Set<String> programs, Instant now) {
		List<FhirIssue> issues = new ArrayList<>();
		if (subscription.getStatus() != Subscription.SubscriptionStatus.REQUESTED
				&& subscription.getStatus() != Subscription.SubscriptionStatus.ACTIVE) {
			issues.add(FhirIssue.value("Subscription.status", "must be requested (or active)"));
		}
		String reason = subscription.getReason();
		if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
			issues.add(FhirIssue.required("Subscription.reason",
					"must say why, in at most " + MAX_REASON + " characters"));
		}
		if (!CRITERIA.equals(subscription.getCriteria())) {
			issues.add(FhirIssue.notSupported("Subscription.criteria",
					"must be " + CRITERIA + " (every new alert of the program)"));
		}
		Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
		if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
			issues.add(FhirIssue.notSupported("Subscription.channel.type", "must be rest-hook"));
		}
		if (!endpoint(channel.getEndpoint())) {
			issues.add(FhirIssue.value("Subscription.channel.endpoint",
					"must be an absolute http or https URL of at most " + MAX_ENDPOINT + " characters"));
		}
		String payload = channel.getPayload();
		if (payload == null || !payload.startsWith(FhirJson.MEDIA_TYPE)) {
			issues.add(FhirIssue.notSupported("Subscription.channel.payload", "must be " + FhirJson.MEDIA_TYPE));
		}
		if (channel.hasHeader()) {
			issues.add(FhirIssue.notSupported("Subscription.channel.header",
					"is not supported: deliveries are signed with the program's webhook secret"));
		}
		Instant end = subscription.hasEnd() ? subscription.getEnd().toInstant() : null;
		if (end != null && !end.isAfter(now)) {
			issues.add(FhirIssue.value("Subscription.end", "must be in the future"));
		}
		String programId = program(subscription, programs, issues);
		if (!issues.isEmpty()) {
			throw FhirRejection.unprocessable(issues);
		}
		return new Requested(programId, reason, channel.getEndpoint(), end);
	}

	/** A stored subscription as a resource: active, or off once its end has passed. */
	public static Subscription resource(FhirSubscription stored, Instant now) {
		Subscription subscription = new Subscription();
		subscription.setId(stored.id());
		subscription.getMeta().setLastUpdated(Date.from(stored.createdAt()));
		subscription.addExtension(new Extension(PROGRAM_EXTENSION, new StringType(stored.programId())));
		subscription.setStatus(
				stored.activeAt(now) ? Subscription.SubscriptionStatus.ACTIVE : Subscription.SubscriptionStatus.OFF);
		subscription.setReason(stored.reason());
		subscription.setCriteria(stored.criteria());
		if (stored.end() != null) {
			subscription.setEnd(Date.from(stored.end()));
		}
		subscription.getChannel()
			.setType(Subscription.SubscriptionChannelType.RESTHOOK)
			.setEndpoint(stored.endpoint())
			.setPayload(FhirJson.MEDIA_TYPE);
		return subscription;
	}

	private static String program(Subscription subscription, Set<String> programs, List<FhirIssue> issues) {
		String expression = "Subscription.extension.where(url='" + PROGRAM_EXTENSION + "')";
		List<Extension> named = subscription.getExtensionsByUrl(PROGRAM_EXTENSION);
		if (named.isEmpty()) {
			if (programs.size() == 1) {
				return programs.iterator().next();
			}
			issues.add(FhirIssue.required(expression,
					"must name the program (valueString) when the token has " + "more than one"));
			return "";
		}
		if (named.size() == 1 && named.get(0).getValue() instanceof StringType value
				&& Identifiers.isValid(value.getValue())) {
			return value.getValue();
		}
		issues.add(FhirIssue.value(expression, "must be one program id (valueString)"));
		return "";
	}

	private static boolean endpoint(@Nullable String endpoint) {
		if (endpoint == null || endpoint.isBlank() || endpoint.length() > MAX_ENDPOINT) {
			return false;
		}
		try {
			URI uri = new URI(endpoint);
			return uri.isAbsolute() && uri.getHost() != null
					&& ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
