package org.stepwise.idp.keys;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class KeyRingTest {

	static final Duration PERIOD = Duration.ofDays(30);

	static final Duration LIFETIME = Duration.ofMinutes(30);

	private final KeyRotation rotation = new KeyRotation(PERIOD, LIFETIME);

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T00:00:00Z"));

	@TempDir
	Path dataDir;

	@Test
	void theKeysSurviveARestartInAFileOnlyTheOwnerMayRead() throws Exception {
		KeyRing first = KeyRing.inDirectory(this.dataDir, this.rotation, this.clock);
		RSAKey signing = first.signing();

		KeyRing second = KeyRing.inDirectory(this.dataDir, this.rotation, this.clock);

		assertThat(second.signing().getKeyID()).isEqualTo(signing.getKeyID());
		assertThat(second.signing().toRSAPrivateKey()).isEqualTo(signing.toRSAPrivateKey());
		Path file = this.dataDir.resolve(KeyRing.FILE_NAME);
		assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void aDirectoryMadeForTheKeysIsTheOwnersOnly() throws Exception {
		Path identity = this.dataDir.resolve("identity");

		KeyRing.inDirectory(identity, this.rotation, this.clock);

		assertThat(identity.resolve(KeyRing.FILE_NAME)).exists();
		assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(identity))).isEqualTo("rwx------");
	}

	@Test
	void theJwksPublishesPublicKeysOnly() {
		JWKSet published = KeyRing.inDirectory(this.dataDir, this.rotation, this.clock).published();

		assertThat(published.getKeys()).hasSize(1).noneMatch(JWK::isPrivate);
	}

	@Test
	void afterARotationTheNewKeySignsAndTheOldOneIsPublishedUntilItsTokensHaveExpired() throws Exception {
		KeyRing ring = KeyRing.inDirectory(this.dataDir, this.rotation, this.clock);
		String old = ring.signing().getKeyID();

		this.clock.move(PERIOD);
		String fresh = ring.signing().getKeyID();
		assertThat(fresh).isNotEqualTo(old);
		assertThat(ring.published().getKeys()).extracting(JWK::getKeyID).containsExactly(fresh, old);
		// a restart now keeps both
		assertThat(KeyRing.inDirectory(this.dataDir, this.rotation, this.clock).published().getKeys())
			.extracting(JWK::getKeyID)
			.containsExactly(fresh, old);

		this.clock.move(LIFETIME.plus(KeyRotation.CLOCK_SKEW));
		assertThat(ring.published().getKeys()).extracting(JWK::getKeyID).containsExactly(fresh);
		assertThat(JWKSet.parse(Files.readString(this.dataDir.resolve(KeyRing.FILE_NAME))).getKeys())
			.extracting(JWK::getKeyID)
			.containsExactly(fresh);
	}

	@Test
	void inMemoryNothingIsWritten() throws Exception {
		KeyRing.inMemory(this.rotation, this.clock).signing();

		try (var files = Files.list(this.dataDir)) {
			assertThat(files).isEmpty();
		}
	}

	/** A clock the test moves on. */
	static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void move(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
