package org.stepwise.platform.inbox;

/**
 * What a tombstone (a record without a value) on a compacted topic means to a consumer:
 * the entity with that key is gone. Called in partition order with the events around it,
 * and, like {@link EventBatchHandler}, again after a crash or a retry, so it must be
 * idempotent.
 */
@FunctionalInterface
public interface TombstoneHandler {

	void deleted(String key);

}
