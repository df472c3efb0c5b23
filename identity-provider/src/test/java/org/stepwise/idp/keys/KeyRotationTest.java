package org.stepwise.idp.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.idp.keys.KeyRotation.Key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRotationTest {

	static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

	static final Duration PERIOD = Duration.ofDays(30);

	static final Duration LIFETIME = Duration.ofMinutes(30);

	private final KeyRotation rotation = new KeyRotation(PERIOD, LIFETIME);

	private final Key first = new Key("first", T0);

	private final Key second = new Key("second", T0.plus(PERIOD));

	@Test
	void aKeyIsDueWhenThereIsNoneOrTheNewestIsARotationPeriodOld() {
		assertThat(this.rotation.newKeyDue(List.of(), T0)).isTrue();
		assertThat(this.rotation.newKeyDue(List.of(this.first), T0.plus(PERIOD).minusSeconds(1))).isFalse();
		assertThat(this.rotation.newKeyDue(List.of(this.first), T0.plus(PERIOD))).isTrue();
		assertThat(this.rotation.newKeyDue(List.of(this.first, this.second), T0.plus(PERIOD).plusSeconds(1))).isFalse();
	}

	@Test
	void theNewestKeySignsWhateverTheOrder() {
		assertThat(this.rotation.signing(List.of(this.first, this.second))).isEqualTo(this.second);
		assertThat(this.rotation.signing(List.of(this.second, this.first))).isEqualTo(this.second);
	}

	@Test
	void anOlderKeyStaysPublishedUntilTheLastTokenItSignedHasExpired() {
		Instant lastTokenOfFirst = this.second.created().plus(LIFETIME).plus(KeyRotation.CLOCK_SKEW);

		assertThat(this.rotation.published(List.of(this.first, this.second), this.second.created()))
			.containsExactly(this.second, this.first);
		assertThat(this.rotation.published(List.of(this.first, this.second), lastTokenOfFirst.minusMillis(1)))
			.containsExactly(this.second, this.first);
		assertThat(this.rotation.published(List.of(this.first, this.second), lastTokenOfFirst))
			.containsExactly(this.second);
	}

	@Test
	void aKeyThatSignedLongerThanItsPeriodIsKeptByWhenItsSuccessorCame() {
		// the provider was down when the first key was due: it signed until the restart
		Key late = new Key("late", T0.plus(PERIOD).plus(Duration.ofDays(3)));

		assertThat(this.rotation.published(List.of(this.first, late), late.created().plus(Duration.ofMinutes(10))))
			.containsExactly(late, this.first);
	}

	@Test
	void theSigningKeyIsAlwaysPublishedAndKeysOlderThanADroppedOneGoToo() {
		Key third = new Key("third", T0.plus(PERIOD.multipliedBy(2)));

		assertThat(this.rotation.published(List.of(this.first, this.second, third), T0.plus(PERIOD.multipliedBy(5))))
			.containsExactly(third);
	}

	@Test
	void aRotationPeriodMustBePositive() {
		assertThatThrownBy(() -> new KeyRotation(Duration.ZERO, LIFETIME)).hasMessageContaining("key-rotation");
	}

}
