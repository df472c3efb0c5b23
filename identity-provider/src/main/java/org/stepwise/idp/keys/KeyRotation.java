package org.stepwise.idp.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which signing keys to use at a given instant: the newest key signs, a new one is due
 * once the newest is a rotation period old, and an older key stays published until every
 * token it can have signed has expired. A key signs until its successor is created, so it
 * stays until that creation plus the token lifetime plus the clock skew resource servers
 * allow (in practice: key age beyond rotation period plus token lifetime). Pure: no I/O,
 * no clock of its own.
 */
public final class KeyRotation {

	/**
	 * Spring Security's resource servers accept a token up to a minute after its
	 * {@code exp}.
	 */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private final Duration period;

	private final Duration tokenLifetime;

	public KeyRotation(Duration period, Duration tokenLifetime) {
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("stepwise.idp.key-rotation must be positive");
		}
		this.period = period;
		this.tokenLifetime = tokenLifetime;
	}

	/** A key: its id and when it was created. */
	public record Key(String id, Instant created) {
	}

	/** Whether a new key must be made now: there is none, or the newest is due. */
	public boolean newKeyDue(List<Key> keys, Instant now) {
		return keys.stream()
			.map(Key::created)
			.max(Comparator.naturalOrder())
			.map((newest) -> !now.isBefore(newest.plus(this.period)))
			.orElse(true);
	}

	/** The key that signs: the newest. */
	public Key signing(List<Key> keys) {
		return newestFirst(keys).getFirst();
	}

	/**
	 * The keys to publish (newest first): the signing key, and each older key while a
	 * token it signed may still be valid. The others are dropped for good.
	 */
	public List<Key> published(List<Key> keys, Instant now) {
		List<Key> ordered = newestFirst(keys);
		List<Key> published = new ArrayList<>();
		for (int i = 0; i < ordered.size(); i++) {
			Key key = ordered.get(i);
			if (i == 0 || now.isBefore(lastValidToken(ordered.get(i - 1)))) {
				published.add(key);
			}
		}
		return published;
	}

	/**
	 * When the last token a key signed expires, given its successor: it signed until the
	 * successor was made.
	 */
	private Instant lastValidToken(Key successor) {
		return successor.created().plus(this.tokenLifetime).plus(CLOCK_SKEW);
	}

	private static List<Key> newestFirst(List<Key> keys) {
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("no keys");
		}
		return keys.stream().sorted(Comparator.comparing(Key::created).reversed()).toList();
	}

}
