package org.stepwise.platform.outbox;

import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Re-runs a read-modify-write whose document changed in between (another request, or the
 * outbox relay removing published events), or was created in between: two writers that
 * both found no document both insert one, and the second insert's duplicate key is the
 * same conflict as a stale version (e.g. an enrolment racing the consumer's first event
 * of the patient). The work must re-read what it changes.
 */
public final class OnConflict {

	private static final int ATTEMPTS = 5;

	private OnConflict() {
	}

	public static <T> T retry(Supplier<T> readModifyWrite) {
		RuntimeException last = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				return readModifyWrite.get();
			}
			catch (OptimisticLockingFailureException | DuplicateKeyException ex) {
				last = ex;
			}
		}
		throw last;
	}

}
