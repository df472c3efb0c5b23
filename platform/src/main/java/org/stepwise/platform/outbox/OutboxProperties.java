package org.stepwise.platform.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param collections the collections whose documents carry an {@code outbox} array
 * @param pollInterval how long the relay sleeps when nobody nudges it, and its first
 * retry delay after a failed pass
 * @param batchSize documents read per scan and collection
 * @param sweepInterval how often the relay scans whole collections for what a crash or a
 * failed pass left behind, besides the documents it was nudged about. A scan reads every
 * document (the store has no index for "has pending entries"), so it is kept rare.
 * @param appendOnly those of the collections whose writers only append to a document's
 * outbox ({@code $push}) and never write back the entries they read: the relay removes
 * what it published without bumping their version, so it never fails a writer's
 * optimistic lock. The others' writers replace whole documents; for them the bump is what
 * keeps a published entry from being saved back (and published again).
 */
@ConfigurationProperties("stepwise.outbox")
public record OutboxProperties(@DefaultValue List<String> collections, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("200") int batchSize, @DefaultValue("30s") Duration sweepInterval,
		@DefaultValue List<String> appendOnly) {
}
