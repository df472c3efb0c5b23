package org.stepwise.platform.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param collections the collections whose documents carry an {@code outbox} array
 * @param pollInterval how often the relay looks for pending events when nobody nudged it
 * (after a crash, say)
 * @param batchSize documents read per scan and collection
 */
@ConfigurationProperties("stepwise.outbox")
public record OutboxProperties(@DefaultValue List<String> collections, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("200") int batchSize) {
}
