package org.stepwise.contracts;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
			// alerts go to people, audit records to the organisation's archive
			.filter((entry) -> !entry.getKey().endsWith("/alerts") && !entry.getKey().endsWith("/audit"))
			.forEach((entry) -> assertThat(entry.getValue()).as(entry.getKey()).contains("receive"));
	}

	@Test
	void producersAndConsumersAreTheAgreedOnes() {
		Map<String, Set<String>> producers = services("send");
		Map<String, Set<String>> consumers = services("receive");
		String attendance = "attendance-service";
		String assessment = "assessment-service";
		String plan = "plan-service";
		String alert = "alert-service";
		assertThat(producers).isEqualTo(Map.of(Topics.ATTENDANCE, Set.of(attendance), Topics.CHECKINS,
				Set.of(assessment), Topics.ASSESSMENTS, Set.of(assessment), Topics.PLANS, Set.of(plan), Topics.PROGRESS,
				Set.of(plan), Topics.PROGRAMS, Set.of(plan), Topics.ALERTS, Set.of(alert), Topics.AUDIT,
				Set.of(attendance, assessment, plan, alert)));
		assertThat(consumers).isEqualTo(Map.of(Topics.ATTENDANCE, Set.of(plan, alert), Topics.CHECKINS, Set.of(plan),
				Topics.ASSESSMENTS, Set.of(plan, alert), Topics.PLANS, Set.of(alert, attendance, assessment),
				Topics.PROGRESS, Set.of(alert), Topics.PROGRAMS, Set.of(attendance, assessment, plan, alert),
				Topics.ALERTS, Set.of(alert)));
	}

	@Test
	void eachEventTypeIsOnItsTopicWithItsSchemaAndKey() throws Exception {
		Map<String, Object> messages = section("components", "messages");
		for (EventType type : EventType.values()) {
			Map<?, ?> message = messages.values()
				.stream()
				.map((m) -> (Map<?, ?>) m)
				.filter((m) -> type.type().equals(m.get("name")))
				.findFirst()
				.orElseThrow();
			Map<?, ?> payload = (Map<?, ?>) message.get("payload");
			String ref = (String) ((Map<?, ?>) payload.get("schema")).get("$ref");
			assertThat(ref).as("schema of %s", type).isEqualTo("." + type.schemaResource());
			assertThat(EventType.class.getResource(type.schemaResource())).as(ref).isNotNull();
			// the declared format must be the one the file declares
			assertThat((String) payload.get("schemaFormat")).as("schemaFormat of %s", type)
				.isEqualTo("application/schema+json;version=2020-12");
			assertThat(ContractFiles.read(ContractFiles.schema(type)))
				.contains("\"$schema\" : \"https://json-schema.org/draft/2020-12/schema\"");
			assertThat(message.get("contentType")).isEqualTo(EventEnvelope.CONTENT_TYPE);

			String key = (String) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) message.get("bindings")).get("kafka"))
				.get("key")).get("$ref");
			assertThat(key).as("key of %s", type)
				.isEqualTo(Topics.isCompacted(type.topic()) ? "#/components/schemas/programKey"
						: "#/components/schemas/patientKey");

			String messageRef = "#/components/messages/" + type.payload().getSimpleName();
			assertThat(messages).containsKey(type.payload().getSimpleName());
			assertThat(channelsCarrying(messageRef)).as("channels carrying %s", type).containsExactly(type.topic());
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyTopicHasADeadLetterTwinWithTheReasonInHeaders() {
		Map<?, ?> deadLetter = (Map<?, ?>) section("components", "messages").get("DeadLetter");
		Map<?, ?> headers = (Map<?, ?>) deadLetter.get("headers");
		assertThat((List<Object>) headers.get("required")).contains("stepwise-dlt-reason", "stepwise-dlt-source-topic");
		assertThat(((Map<Object, ?>) headers.get("properties")).keySet()).contains("stepwise-dlt-reason",
				"stepwise-dlt-source-topic");
		for (String topic : Topics.ALL) {
			assertThat(channelsCarrying("#/components/messages/DeadLetter")).contains(Topics.deadLetter(topic));
		}
		assertThat(channelsCarrying("#/components/messages/DeadLetter")).hasSize(Topics.ALL.size())
			.allMatch((address) -> address.endsWith(Topics.DEAD_LETTER_SUFFIX));
	}

	@Test
	void onlyTheProgramsTopicIsCompacted() {
		section("channels").values().stream().map((channel) -> (Map<?, ?>) channel).forEach((channel) -> {
			String address = (String) channel.get("address");
			Object config = Optional.ofNullable((Map<?, ?>) channel.get("bindings"))
				.map((bindings) -> (Map<?, ?>) bindings.get("kafka"))
				.map((kafka) -> (Map<?, ?>) kafka.get("topicConfiguration"))
				.map((topicConfig) -> topicConfig.get("cleanup.policy"))
				.orElse(null);
			assertThat(config).as("cleanup.policy of %s", address)
				.isEqualTo(Topics.isCompacted(address) ? List.of("compact") : null);
		});
	}

	/** Topic to the services that have an operation with this action on it. */
	private Map<String, Set<String>> services(String action) {
		Map<String, Object> channels = section("channels");
		return section("operations").values()
			.stream()
			.map((operation) -> (Map<?, ?>) operation)
			.filter((operation) -> action.equals(operation.get("action")))
			.collect(Collectors.groupingBy((operation) -> {
				String ref = (String) ((Map<?, ?>) operation.get("channel")).get("$ref");
				return (String) ((Map<?, ?>) channels.get(ref.substring("#/channels/".length()))).get("address");
			}, Collectors.mapping((operation) -> (String) operation.get("x-service"), Collectors.toSet())));
	}

	/** Addresses of the channels that list the message. */
	private List<String> channelsCarrying(String messageRef) {
		return section("channels").values()
			.stream()
			.map((channel) -> (Map<?, ?>) channel)
			.filter((channel) -> ((Map<?, ?>) channel.get("messages")).values()
				.stream()
				.anyMatch((message) -> messageRef.equals(((Map<?, ?>) message).get("$ref"))))
			.map((channel) -> (String) channel.get("address"))
			.toList();
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
