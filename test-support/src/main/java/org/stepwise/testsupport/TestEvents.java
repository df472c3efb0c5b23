package org.stepwise.testsupport;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;

/**
 * Publishes events to the shared {@link TestInfrastructure} broker as a producing service
 * would (topic from the event type, key = subject), or raw bytes to play a broken
 * producer. Each send waits for the broker's acknowledgement.
 */
public final class TestEvents {

	private static final EventCodec CODEC = new EventCodec();

	private static KafkaProducer<String, byte[]> producer;

	private TestEvents() {
	}

	public static void publish(EventEnvelope<?> event) {
		publishRaw(event.topic(), event.subject(), CODEC.encode(event));
	}

	public static void publishRaw(String topic, String key, byte[] value) {
		try {
			producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker did not acknowledge a test event", ex);
		}
	}

	private static synchronized KafkaProducer<String, byte[]> producer() {
		if (producer == null) {
			producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
					TestInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
					new StringSerializer(), new ByteArraySerializer());
			KafkaProducer<String, byte[]> created = producer;
			Runtime.getRuntime().addShutdownHook(new Thread(created::close, "test-events-close"));
		}
		return producer;
	}

}
