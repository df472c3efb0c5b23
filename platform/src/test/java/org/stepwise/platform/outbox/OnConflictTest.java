package org.stepwise.platform.outbox;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnConflictTest {

	/**
	 * Seen on the stack (POST /api/v1/plans answered 500): the enrolment and the
	 * consumer's first event of the patient both found no document and both inserted; the
	 * loser must re-read and apply its change, not fail.
	 */
	@Test
	void aDocumentCreatedInBetweenIsRetriedLikeAStaleVersion() {
		AtomicInteger attempts = new AtomicInteger();
		String result = OnConflict.retry(() -> {
			if (attempts.incrementAndGet() == 1) {
				throw new DuplicateKeyException("E11000 duplicate key error");
			}
			return "applied";
		});
		assertThat(result).isEqualTo("applied");
		assertThat(attempts).hasValue(2);
	}

	@Test
	void aConflictThatOutlastsTheAttemptsIsThrown() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatThrownBy(() -> OnConflict.retry(() -> {
			attempts.incrementAndGet();
			throw new OptimisticLockingFailureException("stale");
		})).isInstanceOf(OptimisticLockingFailureException.class);
		assertThat(attempts).hasValue(5);
	}

}
