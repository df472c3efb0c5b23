package org.stepwise.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.stepwise.contracts.Topics;

/**
 * Creates every Stepwise topic and its dead-letter twin (same partition count, so a
 * record can be dead-lettered to the partition it came from, and a larger record limit,
 * so the largest record of a topic fits its twin with the reason headers). The programs
 * topic is compacted. Existing topics are left as they are.
 */
public final class TopicProvisioner {

	private TopicProvisioner() {
	}

	public static void createAll(String bootstrapServers, int partitions) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Set<String> existing = admin.listTopics().names().get();
			List<NewTopic> missing = new ArrayList<>();
			for (String topic : Topics.ALL) {
				for (String name : List.of(topic, Topics.deadLetter(topic))) {
					if (!existing.contains(name)) {
						NewTopic newTopic = new NewTopic(name, partitions, (short) 1);
						if (Topics.isCompacted(name)) {
							newTopic
								.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
						}
						if (!name.equals(topic)) {
							newTopic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
									Integer.toString(Topics.DEAD_LETTER_MAX_RECORD_BYTES)));
						}
						missing.add(newTopic);
					}
				}
			}
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not create topics: " + ex.getCause().getMessage(), ex);
		}
	}

}
