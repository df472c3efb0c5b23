package org.stepwise.alert.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Stepwise-Signature} header: {@code sha256=} and the lower-case hex
 * HMAC-SHA256 of the exact body bytes under the program's secret. Receivers recompute it
 * over the raw body and compare in constant time. Pure.
 */
public final class WebhookSignature {

	public static final String HEADER = "X-Stepwise-Signature";

	private WebhookSignature() {
	}

	public static String sign(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
