package org.stepwise.platform.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.audit.AuditChainCheck;

/**
 * The answer of {@code GET /api/v1/audit/verify}: sequences, times and hashes only, no
 * record's ids or fields.
 *
 * @param intact whether the whole chain holds
 * @param checked chained records checked
 * @param unchained records written before the chain began (not a break)
 * @param unchainedBefore the newest of those
 * @param lastSequence the newest record's place, to hold against the newest
 * {@code stepwise.audit.v1} event of this service (records removed at the end show there)
 * @param lastHash its hash
 * @param firstBreak where the chain first does not hold
 * @param summary all of it in one line
 */
public record AuditChainReport(String service, boolean intact, long checked, long unchained,
		@Nullable Instant unchainedBefore, long lastSequence, @Nullable String lastHash,
		AuditChainCheck.@Nullable Break firstBreak, String summary) {

	static AuditChainReport of(AuditChainCheck.Result result) {
		return new AuditChainReport(result.service(), result.intact(), result.checked(), result.unchained(),
				result.unchainedBefore(), result.lastSequence(), result.lastHash(), result.firstBreak(),
				result.summary());
	}

}
