package org.stepwise.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.stepwise.contracts.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dead letter too large for its dead-letter topic (one made elsewhere with the default
 * limit) still lands there, with its reason and source and without its bytes, so the
 * partition it came from goes on.
 */
class EventPublisherTest {

	@Test
	void aDeadLetterTooLargeForItsTopicLandsWithoutItsValueAndSaysSo() {
		MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
				new ByteArraySerializer()) {

			@Override
			public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
				if (record.value() != null) {
					return CompletableFuture.failedFuture(new RecordTooLargeException("too large"));
				}
				return super.send(record, callback);
			}

		};
		EventPublisher publisher = new EventPublisher(producer, new SimpleMeterRegistry());

		publisher.deadLetter(Topics.CHECKINS, 2, 41, "p1", new byte[1_048_400], "not JSON");

		assertThat(producer.history()).singleElement().satisfies((record) -> {
			assertThat(record.topic()).isEqualTo(Topics.deadLetter(Topics.CHECKINS));
			assertThat(record.partition()).isEqualTo(2);
			assertThat(record.value()).isNull();
			assertThat(header(record, EventPublisher.DLT_REASON)).isEqualTo("not JSON");
			assertThat(header(record, EventPublisher.DLT_SOURCE_OFFSET)).isEqualTo("41");
			assertThat(header(record, EventPublisher.DLT_VALUE_DROPPED)).isEqualTo("1048400");
		});
	}

	private static String header(ProducerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
