package org.stepwise.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

import org.stepwise.platform.security.Caller;

/**
 * Idempotent writes with an {@code Idempotency-Key} header, kept inside the record's own
 * document: the key decides the record's id, so a retry collides with the first write on
 * the primary key (one atomic single-document insert, no separate key table), and the
 * stored request fingerprint tells a true retry (return the first result) from a key
 * reused for a different request (422).
 */
public final class Idempotency {

	public static final String HEADER = "Idempotency-Key";

	private static final int MAX_KEY_LENGTH = 200;

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private Idempotency() {
	}

	/**
	 * The caller's key, scoped to the caller: two callers who happen to choose the same
	 * key (a patient's app and the ingest client, say) write two records, and neither can
	 * replay, or be refused because of, the other's request. Null when no key was sent.
	 */
	public static @Nullable String ofCaller(Caller caller, @Nullable String key) {
		if (key == null) {
			return null;
		}
		if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_idempotency_key",
					"The Idempotency-Key header must have 1 to " + MAX_KEY_LENGTH + " characters");
		}
		return HexFormat.of().formatHex(sha256((caller.subject() + "\n" + key).getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The record id for a key (scoped by what is written, so two endpoints never share
	 * ids), or a random one.
	 */
	public static String recordId(String scope, @Nullable String key) {
		if (key == null) {
			return UUID.randomUUID().toString();
		}
		if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
			throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "invalid_idempotency_key",
					"The Idempotency-Key header must have 1 to " + MAX_KEY_LENGTH + " characters");
		}
		return UUID.nameUUIDFromBytes((scope + "\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
	}

	/** A digest of the request as JSON, to recognise a retry of the same request. */
	public static String fingerprint(Object request) {
		return HexFormat.of().formatHex(sha256(JSON.writeValueAsBytes(request)));
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The record an earlier request with this key stored, if any: the first result,
	 * returned again on a retry.
	 * @param find looks a record up by id
	 * @param storedFingerprint the fingerprint the record was stored with
	 * @throws RequestRejectedException 422 when the key was used before for a different
	 * request
	 */
	public static <T> Optional<T> replay(@Nullable String key, String id, Function<String, Optional<T>> find,
			Function<T, @Nullable String> storedFingerprint, String fingerprint) {
		if (key == null) {
			return Optional.empty();
		}
		return find.apply(id).map((existing) -> {
			requireSameRequest(String.valueOf(storedFingerprint.apply(existing)), fingerprint);
			return existing;
		});
	}

	/**
	 * @throws RequestRejectedException 422 when the key was used before for a different
	 * request
	 */
	public static void requireSameRequest(String storedFingerprint, String fingerprint) {
		if (!storedFingerprint.equals(fingerprint)) {
			throw new RequestRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
					"This Idempotency-Key was already used for a different request");
		}
	}

}
