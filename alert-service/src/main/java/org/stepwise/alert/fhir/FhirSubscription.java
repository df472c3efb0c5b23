package org.stepwise.alert.fhir;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An EHR's subscription to a program's new alerts: each is delivered to {@code endpoint}
 * as a Communication ({@link AlertResources#communication}), signed and retried as the
 * program's webhooks are. Created by a program admin through
 * {@code POST /fhir/r4/Subscription}.
 *
 * @param id from the creator's Idempotency-Key when there was one, so a retry finds it
 * @param part2 whether the creator's token allowed 42 CFR Part 2 data: only then are
 * alerts of Part 2 kinds delivered
 * @param end when delivery stops; null for never
 * @param fingerprint what was asked, to tell a retry from a reused key
 */
@Document("fhirSubscriptions")
@CompoundIndex(name = "program", def = "{'programId': 1}")
public record FhirSubscription(@Id String id, String programId, String reason, String criteria, String endpoint,
		@Nullable Instant end, boolean part2, String createdBy, Instant createdAt, String fingerprint) {

	/**
	 * Whether it delivers what happens at {@code at}: from its creation (alerts raised
	 * before are not new to it) until its end.
	 */
	public boolean activeAt(Instant at) {
		return !at.isBefore(this.createdAt) && (this.end == null || at.isBefore(this.end));
	}

}
