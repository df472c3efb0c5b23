package org.stepwise.idp.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's RSA signing keys, rotated by {@link KeyRotation}: in a JWK set file
 * (private keys, each with its creation time as {@code iat}) readable by the owner only,
 * so tokens survive a restart; or, without a file, in memory only (a fresh key at each
 * start, every token dying with a restart: tests and throw-away runs). Rotation is
 * checked whenever a key is asked for, at most once a minute.
 */
public final class KeyRing {

	private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

	static final String FILE_NAME = "jwks.json";

	private static final long RECHECK_MILLIS = 60_000;

	private final @Nullable Path file;

	private final KeyRotation rotation;

	private final Clock clock;

	private volatile State state;

	/** The keys kept (private parts), the one that signs, and their public JWK set. */
	private record State(List<RSAKey> keys, RSAKey signing, JWKSet published, long checkedAt) {
	}

	private KeyRing(@Nullable Path file, KeyRotation rotation, Clock clock) {
		this.file = file;
		this.rotation = rotation;
		this.clock = clock;
		this.state = refresh(load());
	}

	/**
	 * Keys kept in {@code <directory>/jwks.json}, made (with the directory) if absent.
	 */
	public static KeyRing inDirectory(Path directory, KeyRotation rotation, Clock clock) {
		return new KeyRing(directory.resolve(FILE_NAME), rotation, clock);
	}

	/** Keys in memory only: lost at each restart. */
	public static KeyRing inMemory(KeyRotation rotation, Clock clock) {
		return new KeyRing(null, rotation, clock);
	}

	/** The key to sign with now. */
	public RSAKey signing() {
		return current().signing();
	}

	/**
	 * The keys that verify tokens now, public parts only: what {@code /oauth2/jwks}
	 * publishes.
	 */
	public JWKSet published() {
		return current().published();
	}

	private State current() {
		State now = this.state;
		if (this.clock.millis() - now.checkedAt() < RECHECK_MILLIS) {
			return now;
		}
		synchronized (this) {
			if (this.clock.millis() - this.state.checkedAt() >= RECHECK_MILLIS) {
				this.state = refresh(this.state.keys());
			}
			return this.state;
		}
	}

	/** Adds a key when one is due, drops those no token needs, saves when it changed. */
	private State refresh(List<RSAKey> keys) {
		Instant now = this.clock.instant();
		Map<String, RSAKey> byId = keys.stream()
			.collect(Collectors.toMap(RSAKey::getKeyID, Function.identity(), (a, b) -> a));
		List<KeyRotation.Key> ages = new ArrayList<>(keys.stream().map(KeyRing::age).toList());
		boolean changed = false;
		if (this.rotation.newKeyDue(ages, now)) {
			RSAKey fresh = newKey(now);
			byId.put(fresh.getKeyID(), fresh);
			ages.add(age(fresh));
			changed = true;
			if (!keys.isEmpty()) {
				log.info("Signing key rotated: new tokens are signed with key {}", fresh.getKeyID());
			}
		}
		List<KeyRotation.Key> kept = this.rotation.published(ages, now);
		changed |= kept.size() != ages.size();
		List<RSAKey> published = kept.stream().map((key) -> byId.get(key.id())).toList();
		if (changed) {
			save(published);
		}
		RSAKey signing = byId.get(this.rotation.signing(kept).id());
		return new State(published, signing,
				new JWKSet(published.stream().map((key) -> (JWK) key.toPublicJWK()).toList()), this.clock.millis());
	}

	private List<RSAKey> load() {
		if (this.file == null || !Files.exists(this.file)) {
			return List.of();
		}
		try {
			return JWKSet.parse(Files.readString(this.file)).getKeys().stream().map(JWK::toRSAKey).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the signing keys in " + this.file, ex);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("The signing keys in " + this.file + " are not a JWK set", ex);
		}
	}

	private void save(List<RSAKey> keys) {
		if (this.file == null) {
			return;
		}
		String json = new JWKSet(keys.stream().map(JWK.class::cast).toList()).toString(false);
		try {
			Path directory = this.file.toAbsolutePath().getParent();
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory);
				ownerOnlyDirectory(directory);
			}
			Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
			ownerOnly(temporary);
			Files.writeString(temporary, json, StandardCharsets.UTF_8);
			try {
				Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the signing keys to " + this.file, ex);
		}
	}

	/** rw------- where the file system has POSIX permissions. */
	private static void ownerOnly(Path file) throws IOException {
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		else {
			file.toFile().setReadable(false, false);
			file.toFile().setReadable(true, true);
			file.toFile().setWritable(false, false);
			file.toFile().setWritable(true, true);
		}
	}

	/**
	 * rwx------ for a directory made here, where the file system has POSIX permissions.
	 */
	private static void ownerOnlyDirectory(Path directory) throws IOException {
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
		}
	}

	private static KeyRotation.Key age(RSAKey key) {
		Date created = key.getIssueTime();
		return new KeyRotation.Key(key.getKeyID(), (created != null) ? created.toInstant() : Instant.EPOCH);
	}

	private static RSAKey newKey(Instant now) {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.issueTime(Date.from(now))
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot make a signing key", ex);
		}
	}

}
