package org.stepwise.platform.outbox;

import java.util.function.Supplier;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Re-runs a read-modify-write whose document changed in between (another request, or the
 * outbox relay removing published events). The work must re-read what it changes.
 */
public final class OnConflict {

	private static final int ATTEMPTS = 5;

	private OnConflict() {
	}

	public static <T> T retry(Supplier<T> readModifyWrite) {
		OptimisticLockingFailureException last = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				return readModifyWrite.get();
			}
			catch (OptimisticLockingFailureException ex) {
				last = ex;
			}
		}
		throw last;
	}

}
