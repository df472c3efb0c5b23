package org.stepwise.platform.inbox;

import java.util.List;

/**
 * Handles the readable events of one poll, in partition order. It must be idempotent on
 * event id (a batch is delivered again after a crash or a retry) and should write each
 * patient once per batch. Throwing a transient exception (database or broker unavailable)
 * makes the container retry the whole batch with back-off.
 */
@FunctionalInterface
public interface EventBatchHandler {

	void handle(List<ReceivedEvent> events);

}
