package org.stepwise.alert.escalation;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.Severity;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationPolicyTest {

	static final Instant RAISED = Instant.parse("2026-03-03T15:00:00Z");

	final EscalationPolicy policy = EscalationPolicy.DEFAULTS;

	@Test
	void targetsFollowTheClinicalDefaults() {
		assertThat(this.policy.escalateAt(Severity.CRITICAL, RAISED, null))
			.isEqualTo(RAISED.plus(Duration.ofMinutes(15)));
		assertThat(this.policy.escalateAt(Severity.HIGH, RAISED, null)).isEqualTo(RAISED.plus(Duration.ofHours(24)));
		assertThat(this.policy.escalateAt(Severity.MEDIUM, RAISED, null)).isEqualTo(RAISED.plus(Duration.ofHours(72)));
		assertThat(this.policy.escalateAt(Severity.LOW, RAISED, null)).isNull();
	}

	@Test
	void aHigherSeverityNeverPostponesAnEscalationAlreadyDue() {
		Instant dueSoon = RAISED.plus(Duration.ofMinutes(5));
		Instant later = RAISED.plus(Duration.ofHours(2));
		assertThat(this.policy.escalateAt(Severity.CRITICAL, later, dueSoon)).isEqualTo(dueSoon);
		assertThat(this.policy.escalateAt(Severity.CRITICAL, RAISED, RAISED.plus(Duration.ofHours(24))))
			.isEqualTo(RAISED.plus(Duration.ofMinutes(15)));
		assertThat(this.policy.escalateAt(Severity.LOW, RAISED, dueSoon)).isEqualTo(dueSoon);
	}

}
