package org.stepwise.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Idempotency-Keys of FHIR requests: the caller's key (already the caller's own,
 * {@code Idempotency.ofCaller}) scoped to one FHIR endpoint or one entry of a
 * transaction, so the same key on the JSON API, on another endpoint or on another entry
 * names another request.
 */
public final class FhirIdempotency {

	private FhirIdempotency() {
	}

	/**
	 * The key for {@code scope} (e.g. {@code Encounter}, {@code Bundle/entry/3}); null
	 * without a key.
	 */
	public static @Nullable String scoped(@Nullable String callerKey, String scope) {
		if (callerKey == null) {
			return null;
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(("fhir/" + scope + "\n" + callerKey).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
