package org.stepwise.contracts.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The hash chain that makes a service's audit records tamper-evident: record {@code n} of
 * a service carries {@code hash(n) = SHA-256(hash(n-1) + "\n" + canonical(n))}, where the
 * first record follows {@link #genesis(String) its service's genesis value}. Changing a
 * stored record's fields breaks its own hash; removing one leaves a gap in the sequence;
 * removing the newest ones shows against the chain hash the {@code stepwise.audit.v1}
 * events carry.
 * <p>
 * The canonical form is part of the contract, so anyone holding the events or the store
 * can check the chain: a versioned header line, then one line per field in a fixed order,
 * each {@code name=<length>:<value>} ({@code name=-} for none), the roles as their count
 * followed by one line each, the time as epoch milliseconds (stores keep milliseconds),
 * all UTF-8. The chain's own fields (sequence aside) and the outbox are not covered.
 */
public final class AuditChain {

	/** The canonical form's version, its first line. */
	public static final String VERSION = "stepwise-audit-chain-v1";

	private static final HexFormat HEX = HexFormat.of();

	private AuditChain() {
	}

	/**
	 * The value the first record of {@code service} chains to, so one service's chain
	 * cannot pass for another's.
	 */
	public static String genesis(String service) {
		return sha256(VERSION + "\ngenesis\n" + service);
	}

	/**
	 * The hash of the record at {@code sequence} that follows the record whose hash is
	 * {@code previousHash}.
	 */
	public static String hash(String previousHash, long sequence, AuditRecorded record) {
		return sha256(previousHash + "\n" + canonical(sequence, record));
	}

	static String canonical(long sequence, AuditRecorded record) {
		StringBuilder out = new StringBuilder(VERSION).append('\n');
		field(out, "sequence", Long.toString(sequence));
		field(out, "auditId", record.auditId());
		field(out, "service", record.service());
		field(out, "actor", record.actor());
		field(out, "roles", Integer.toString(record.roles().size()));
		for (String role : record.roles()) {
			field(out, "role", role);
		}
		field(out, "clinicianId", record.clinicianId());
		field(out, "action", record.action());
		field(out, "patientId", record.patientId());
		field(out, "programId", record.programId());
		field(out, "outcome", record.outcome().name());
		field(out, "occurredAt", Long.toString(record.occurredAt().toEpochMilli()));
		return out.toString();
	}

	// the length prefix keeps "a|b" + "c" apart from "a" + "b|c", whatever the values
	// hold
	private static void field(StringBuilder out, String name, @Nullable String value) {
		out.append(name).append('=');
		if (value == null) {
			out.append('-');
		}
		else {
			out.append(value.length()).append(':').append(value);
		}
		out.append('\n');
	}

	private static String sha256(String text) {
		try {
			return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
