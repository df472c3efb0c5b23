package org.stepwise.contracts.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Checks one service's {@link AuditChain}: fed the records without a chain (written
 * before chaining began) in any order and the chained ones in ascending sequence, it
 * reports how many it checked and the first break. A break names a sequence, a time and
 * what differs, never a record's ids or other fields.
 */
public final class AuditChainCheck {

	private final String service;

	private long checked;

	private long unchained;

	private @Nullable Instant newestUnchained;

	private long lastSequence;

	private @Nullable String lastHash;

	private @Nullable Break firstBreak;

	public AuditChainCheck(String service) {
		this.service = service;
	}

	/** A record written before chaining began: counted, not a break. */
	public void unchained(Instant occurredAt) {
		this.unchained++;
		if (this.newestUnchained == null || occurredAt.isAfter(this.newestUnchained)) {
			this.newestUnchained = occurredAt;
		}
	}

	/** The next chained record, in ascending sequence order. */
	public void link(Link link) {
		this.checked++;
		long expected = this.lastSequence + 1;
		String previous = (this.lastHash != null) ? this.lastHash : AuditChain.genesis(this.service);
		Instant at = link.record().occurredAt();
		if (link.sequence() < expected) {
			found(new Break(link.sequence(), at, BreakKind.DUPLICATE_SEQUENCE,
					"a second record with sequence " + link.sequence()));
			return;
		}
		if (link.sequence() > expected) {
			found(new Break(expected, at, BreakKind.MISSING_SEQUENCE,
					(link.sequence() == expected + 1) ? "sequence " + expected
							+ " is missing (the next record present is " + link.sequence() + ")"
							: "sequences " + expected + " to " + (link.sequence() - 1) + " are missing"));
		}
		else if (!previous.equals(link.previousHash())) {
			found(new Break(link.sequence(), at, BreakKind.LINK_MISMATCH,
					(expected == 1) ? "its previous hash is not the service's genesis value"
							: "its previous hash is not the hash of record " + (expected - 1)));
		}
		if (link.previousHash() == null
				|| !AuditChain.hash(link.previousHash(), link.sequence(), link.record()).equals(link.hash())) {
			found(new Break(link.sequence(), at, BreakKind.HASH_MISMATCH,
					"the record's fields differ from those its hash covers"));
		}
		this.lastSequence = link.sequence();
		this.lastHash = link.hash();
	}

	private void found(Break found) {
		if (this.firstBreak == null) {
			this.firstBreak = found;
		}
	}

	public Result result() {
		return new Result(this.service, this.checked, this.unchained, this.newestUnchained, this.lastSequence,
				this.lastHash, this.firstBreak);
	}

	/**
	 * A chained record as stored.
	 *
	 * @param previousHash the hash the record says it follows
	 * @param hash the hash stored with it
	 */
	public record Link(long sequence, @Nullable String previousHash, @Nullable String hash, AuditRecorded record) {

	}

	public enum BreakKind {

		/** A record's fields were changed after it was written (or its hash was). */
		HASH_MISMATCH,

		/** A record does not follow the one before it (one was replaced). */
		LINK_MISMATCH,

		/** Records were removed (or lost their chain fields). */
		MISSING_SEQUENCE,

		/** Two records claim one place (the unique index was dropped). */
		DUPLICATE_SEQUENCE

	}

	/**
	 * The first place the chain does not hold.
	 *
	 * @param occurredAt the time of the record found there (for a gap: of the record
	 * after it)
	 */
	public record Break(long sequence, Instant occurredAt, BreakKind kind, String detail) {

	}

	/**
	 * @param checked chained records checked
	 * @param unchained records written before chaining began
	 * @param unchainedBefore the newest of those: "unchained before" this time
	 * @param lastSequence the newest record's sequence (0 for none), to hold against the
	 * newest {@code stepwise.audit.v1} event's, which shows removals at the end
	 * @param lastHash its hash
	 * @param firstBreak the first break, none for an intact chain
	 */
	public record Result(String service, long checked, long unchained, @Nullable Instant unchainedBefore,
			long lastSequence, @Nullable String lastHash, @Nullable Break firstBreak) {

		public boolean intact() {
			return this.firstBreak == null;
		}

		/**
		 * One line for people, e.g.
		 * {@code 412 records checked, intact up to sequence 412;
		 * 30 unchained before 2026-03-01T10:00:00Z}.
		 */
		public String summary() {
			StringBuilder out = new StringBuilder(this.service).append(": ").append(this.checked);
			out.append((this.checked == 1) ? " record checked, " : " records checked, ");
			if (this.firstBreak == null) {
				out.append((this.checked == 0) ? "no chain yet" : "intact up to sequence " + this.lastSequence);
			}
			else {
				out.append("BROKEN at sequence ")
					.append(this.firstBreak.sequence())
					.append(" (")
					.append(this.firstBreak.occurredAt())
					.append("): ")
					.append(this.firstBreak.kind())
					.append(", ")
					.append(this.firstBreak.detail());
			}
			if (this.unchained > 0) {
				out.append("; ").append(this.unchained).append(" unchained before ").append(this.unchainedBefore);
			}
			return out.toString();
		}

	}

}
