package org.stepwise.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTest {

	@ParameterizedTest
	@ValueSource(strings = { "patient-42", "p", "program-a", "clinician_a1", "A.b-c_9", "0123456789" })
	void acceptsPlainIds(String id) {
		assertThat(Identifiers.isValid(id)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-leading-dash", ".hidden", "../../etc/passwd", "a/b", "nul\u0000id", "new\nline",
			"bidi\u202Eoverride", "lone\uD800surrogate", "space id", "ünïcode", "pätient" })
	void refusesAnythingElse(String id) {
		assertThat(Identifiers.isValid(id)).isFalse();
	}

	@Test
	void refusesNullAndOverlongIds() {
		assertThat(Identifiers.isValid(null)).isFalse();
		assertThat(Identifiers.isValid("a".repeat(64))).isTrue();
		assertThat(Identifiers.isValid("a".repeat(65))).isFalse();
	}

}
