package org.stepwise.platform.inbox;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.EventEnvelope;

/**
 * What a well-formed event must also be before a consumer acts on it: keyed by its
 * subject (the producer keys every event by patient, or program, so a record keyed
 * otherwise sits on another patient's partition and would be ordered against the wrong
 * events), and not dated in the future (the APIs refuse times more than a day ahead, so
 * such an event was not written by them). The reasons name no id or value: they travel
 * into dead-letter headers and logs.
 */
final class EventAdmission {

	/** As the APIs' {@code PlausibleTime}: clocks drift, nothing happens later. */
	static final Duration AHEAD = Duration.ofDays(1);

	private EventAdmission() {
	}

	/**
	 * Why the event must be dead-lettered, or null to admit it.
	 * @param now the wall clock (not a test's or the clinical clock: producers date
	 * events on the wall clock)
	 */
	static @Nullable String refusal(String key, EventEnvelope<?> envelope, Instant now) {
		if (!key.equals(envelope.subject())) {
			return "key does not match the event's subject";
		}
		if (envelope.time().isAfter(now.plus(AHEAD))) {
			return "dated more than " + AHEAD.toDays() + " day ahead";
		}
		return null;
	}

}
