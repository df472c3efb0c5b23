package org.stepwise.idp;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import org.stepwise.idp.users.PasswordHashes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashPasswordTest {

	@Test
	void theHashIsWhatTheUsersFileTakesAndMatchesThePassword() {
		String hash = HashPassword.hash("correct horse battery staple");

		assertThat(hash).startsWith("{bcrypt}$2a$");
		PasswordHashes.requireHash("someone", "test", hash);
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
			.matches("correct horse battery staple", hash)).isTrue();
	}

	@Test
	void anEmptyPasswordIsNotHashed() {
		assertThatThrownBy(() -> HashPassword.hash("")).hasMessageContaining("empty");
	}

}
