package org.stepwise.localstack;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.checkin.CheckInSubmitted;

/**
 * The poison categories of issue 20, item 3: records a consumer must put on the
 * dead-letter topic with their original bytes and a reason, without stalling its
 * partition. Each is unique to a run, so the run finds its own dead letters.
 *
 * @param category what is wrong with it, in words
 * @param key the record's key (null for the missing key)
 * @param value the record's bytes
 */
record Poison(String category, @Nullable String key, byte[] value) {

	/** Under the broker's 1 MiB record limit, with room for the record's framing. */
	static final int NEAR_LIMIT_BYTES = 1_000_000;

	/** Every category, for the run {@code run} at {@code now}. */
	static List<Poison> all(String run, Instant now) {
		String patient = "poison-patient-" + run;
		String key = "poison-" + run;
		String valid = checkIn(patient, "check-in-" + run, now);
		return List.of(new Poison("not JSON", key + "-1", bytes("not json {" + run)),
				new Poison("JSON but not a CloudEvent", key + "-2", bytes("{\"chaos\":\"" + run + "\"}")),
				new Poison("unknown event type", key + "-3",
						bytes("""
								{"specversion":"1.0","id":"chaos-%s","source":"/chaos","type":"org.stepwise.chaos.unknown.v1",
								 "subject":"%s-3","time":"%s","datacontenttype":"application/json","data":{}}"""
							.formatted(run, key, now))),
				new Poison("schema-invalid payload", patient,
						bytes(checkIn(patient, "check-in-invalid-" + run, now).replace("\"mood\":5",
								"\"mood\":\"high\""))),
				new Poison("empty value", key + "-5", new byte[0]),
				new Poison("null key", null, bytes(checkIn(patient, "check-in-no-key-" + run, now))),
				new Poison("value near the broker's size limit", patient,
						nearLimit(checkIn(patient, "check-in-large-" + run, now).replace("\"mood\":5", "\"mood\":-1"))),
				new Poison("key not the event's patient", key + "-8", bytes(valid)),
				new Poison("dated far in the future", patient,
						bytes(checkIn(patient, "check-in-future-" + run, now.plus(Duration.ofDays(30))))));
	}

	/**
	 * Sends each to partition 0 of {@code topic}, in order.
	 * @return the offset after the last
	 */
	static long send(String bootstrap, String topic, List<Poison> poison) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
						2 * NEAR_LIMIT_BYTES),
				new StringSerializer(), new ByteArraySerializer())) {
			long last = -1;
			for (Poison p : poison) {
				last = producer.send(new ProducerRecord<>(topic, 0, p.key(), p.value())).get().offset();
			}
			return last + 1;
		}
	}

	private static String checkIn(String patient, String id, Instant at) {
		CheckInSubmitted data = new CheckInSubmitted(id, "program-a", patient, 5, 2, false, List.of(),
				new BigDecimal("7.5"), 3, true, Set.of(), at, at, null, null, null);
		return new String(new EventCodec().encode(EventEnvelope.of("/chaos", data, at)), StandardCharsets.UTF_8);
	}

	/**
	 * An event padded to near the limit with a field its schema does not know (consumers
	 * accept unknown fields: events grow additively) and an invalid mood, so it is
	 * refused, and its dead letter, with the reason's headers, must still fit.
	 */
	private static byte[] nearLimit(String event) {
		String padding = "x".repeat(NEAR_LIMIT_BYTES - event.length() - 32);
		if (!event.contains("\"data\":{")) {
			throw new IllegalStateException("no data object in the encoded event");
		}
		return bytes(event.replace("\"data\":{", "\"data\":{\"chaosPadding\":\"" + padding + "\","));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
