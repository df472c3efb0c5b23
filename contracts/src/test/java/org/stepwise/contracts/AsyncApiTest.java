package org.stepwise.contracts;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document names every topic and event type, and its schema references
 * resolve.
 */
class AsyncApiTest {

	@SuppressWarnings("unchecked")
	private final Map<String, Object> document = (Map<String, Object>) new Yaml()
		.load(ContractFiles.read(ContractFiles.ASYNCAPI));

	@Test
	void isAnAsyncApi3DocumentWithEveryTopicAndItsDeadLetterTwin() {
		assertThat(this.document.get("asyncapi").toString()).startsWith("3.");
		Set<String> addresses = section("channels").values()
			.stream()
			.map((channel) -> (String) ((Map<?, ?>) channel).get("address"))
			.collect(Collectors.toSet());
		for (String topic : Topics.ALL) {
			assertThat(addresses).contains(topic, Topics.deadLetter(topic));
		}
	}

	@Test
	void everyEventTypeIsAMessageWhoseSchemaFileExists() {
		Map<String, Object> messages = section("components", "messages");
		Set<String> names = messages.values()
			.stream()
			.map((message) -> (String) ((Map<?, ?>) message).get("name"))
			.collect(Collectors.toSet());
		for (EventType type : EventType.values()) {
			assertThat(names).contains(type.type());
		}
		List<String> refs = new ArrayList<>();
		collectRefs(this.document, refs);
		List<String> fileRefs = refs.stream().filter((ref) -> ref.startsWith("./")).toList();
		assertThat(fileRefs).hasSize(EventType.values().length);
		for (String ref : fileRefs) {
			assertThat(Files.exists(ContractFiles.ASYNCAPI.getParent().resolve(ref))).as(ref).isTrue();
		}
	}

	@Test
	void everyLocalReferenceResolves() {
		List<String> refs = new ArrayList<>();
		collectRefs(this.document, refs);
		for (String ref : refs.stream().filter((ref) -> ref.startsWith("#/")).toList()) {
			Object node = this.document;
			for (String part : ref.substring(2).split("/")) {
				node = ((Map<?, ?>) node).get(part);
				assertThat(node).as(ref).isNotNull();
			}
		}
	}

	@Test
	void everyTopicHasAPublisherAndEveryPublishedTopicAConsumer() {
		Map<String, Object> operations = section("operations");
		Map<String, Set<String>> actionsByChannel = operations.values()
			.stream()
			.map((operation) -> (Map<?, ?>) operation)
			.collect(Collectors.groupingBy((operation) -> (String) ((Map<?, ?>) operation.get("channel")).get("$ref"),
					Collectors.mapping((operation) -> (String) operation.get("action"), Collectors.toSet())));
		assertThat(actionsByChannel).hasSize(Topics.ALL.size());
		actionsByChannel.forEach((channel, actions) -> assertThat(actions).as(channel).contains("send"));
		actionsByChannel.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().endsWith("/alerts"))
			.forEach((entry) -> assertThat(entry.getValue()).as(entry.getKey()).contains("receive"));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> section(String... path) {
		Object node = this.document;
		for (String part : path) {
			node = ((Map<String, Object>) node).get(part);
		}
		return (Map<String, Object>) node;
	}

	private static void collectRefs(Object node, List<String> refs) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ("$ref".equals(key)) {
					refs.add((String) value);
				}
				else {
					collectRefs(value, refs);
				}
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach((item) -> collectRefs(item, refs));
		}
	}

}
