package org.stepwise.platform.tracing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import brave.Tracing;
import brave.context.slf4j.MDCScopeDecorator;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.sampler.Sampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.platform.inbox.EventInbox;
import org.stepwise.platform.kafka.EventPublisher;
import org.stepwise.platform.outbox.OutboxEntry;
import org.stepwise.platform.outbox.OutboxEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace context of a write travels in the outbox entry and the Kafka header, and the
 * inbox continues it around the handler: log context and the handler's own outbox entries
 * carry the same trace id. A real Brave tracer with W3C propagation, as Boot configures
 * it.
 */
class EventTracingTest {

	private final ThreadLocalCurrentTraceContext braveContext = ThreadLocalCurrentTraceContext.newBuilder()
		.addScopeDecorator(MDCScopeDecorator.get())
		.build();

	private final Tracing brave = Tracing.newBuilder() // as Boot: W3C, 128-bit trace ids
		.currentTraceContext(this.braveContext)
		.propagationFactory(new W3CPropagation(new BraveBaggageManager(), List.of()))
		.traceId128Bit(true)
		.sampler(Sampler.ALWAYS_SAMPLE)
		.build();

	private final Tracer tracer = new BraveTracer(this.brave.tracer(), new BraveCurrentTraceContext(this.braveContext),
			new BraveBaggageManager());

	private final EventTracing tracing = new EventTracing(this.tracer, new BravePropagator(this.brave));

	private final EventCodec codec = new EventCodec();

	private final OutboxEvents outboxEvents = new OutboxEvents(this.codec, "test-service", this.tracing);

	private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
			new ByteArraySerializer());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final EventPublisher publisher = new EventPublisher(this.producer, this.meters);

	private final EventInbox inbox = new EventInbox(this.codec, this.publisher, this.meters, this.tracing);

	@AfterEach
	void close() {
		this.brave.close();
	}

	@Test
	void anOutboxEntryWrittenInsideASpanCarriesItsTraceparentAndThePublisherSendsItAsAHeader() {
		Span request = this.tracer.nextSpan().name("http post").start();
		OutboxEntry entry;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(request)) {
			entry = this.outboxEvents.entry(recorded("p1"), Instant.parse("2026-03-02T18:00:00Z"));
		}
		finally {
			request.end();
		}
		assertThat(entry.traceparent())
			.isEqualTo("00-" + request.context().traceId() + "-" + request.context().spanId() + "-01");

		this.publisher.publishAll(List.of(new EventPublisher.Outgoing(entry.topic(), entry.key(), entry.type(),
				entry.payload().getBytes(StandardCharsets.UTF_8), entry.traceparent())));
		assertThat(new String(this.producer.history().get(0).headers().lastHeader("traceparent").value(),
				StandardCharsets.UTF_8))
			.isEqualTo(entry.traceparent());
	}

	@Test
	void outsideAnySpanAnEntryHasNoTraceparentAndTheRecordNoHeader() {
		OutboxEntry entry = this.outboxEvents.entry(recorded("p1"), Instant.parse("2026-03-02T18:00:00Z"));
		assertThat(entry.traceparent()).isNull();
		this.publisher.publishAll(List.of(new EventPublisher.Outgoing(entry.topic(), entry.key(), entry.type(),
				entry.payload().getBytes(StandardCharsets.UTF_8), entry.traceparent())));
		assertThat(this.producer.history().get(0).headers().lastHeader("traceparent")).isNull();
	}

	@Test
	void theHandlerRunsInTheTraceOfTheEventAndItsOwnOutboxEntriesContinueIt() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String parent = "00-" + traceId + "-00f067aa0ba902b7-01";
		List<String> mdcTraceIds = new ArrayList<>();
		List<OutboxEntry> written = new ArrayList<>();

		this.inbox.consumer((events) -> {
			assertThat(events).singleElement().satisfies((event) -> assertThat(event.traceparent()).isEqualTo(parent));
			mdcTraceIds.add(MDC.get("traceId"));
			written.add(this.outboxEvents.entry(recorded("p1"), Instant.parse("2026-03-02T18:05:00Z")));
		}).accept(batch(Map.of("traceparent", parent.getBytes(StandardCharsets.UTF_8))));

		assertThat(mdcTraceIds).containsExactly(traceId);
		assertThat(written).singleElement().satisfies((entry) -> {
			assertThat(entry.traceparent()).startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
		});
		assertThat(MDC.get("traceId")).as("the scope is closed after the batch").isNull();
		assertThat(this.tracer.currentSpan()).isNull();
	}

	@Test
	void aRecordWithoutOrWithAMalformedTraceparentStartsANewTraceAndIsStillHandled() {
		List<String> traceIds = new ArrayList<>();
		this.inbox.consumer((events) -> traceIds.add(this.tracer.currentSpan().context().traceId()))
			.accept(batch(Map.of("traceparent", "garbage".getBytes(StandardCharsets.UTF_8))));
		this.inbox.consumer((events) -> traceIds.add(this.tracer.currentSpan().context().traceId()))
			.accept(batch(Map.of()));
		assertThat(traceIds).hasSize(2).doesNotHaveDuplicates().allSatisfy((id) -> assertThat(id).hasSize(32));
	}

	@Test
	void withoutATracerNothingIsCarriedAndHandlingIsUnchanged() {
		EventTracing none = EventTracing.none();
		assertThat(none.current()).isNull();
		List<String> handled = new ArrayList<>();
		new EventInbox(this.codec, this.publisher, this.meters, none)
			.consumer((events) -> events.forEach((e) -> handled.add(e.envelope().subject())))
			.accept(batch(Map.of("traceparent",
					"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8))));
		assertThat(handled).containsExactly("p1");
	}

	private Message<List<byte[]>> batch(Map<String, Object> recordHeaders) {
		byte[] value = this.codec
			.encode(EventEnvelope.of("/test", recorded("p1"), Instant.parse("2026-03-02T18:00:00Z")));
		return MessageBuilder.withPayload(List.of(value))
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, List.of(Topics.ATTENDANCE))
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, List.of(0))
			.setHeader(KafkaHeaders.OFFSET, List.of(10L))
			.setHeader(KafkaHeaders.RECEIVED_KEY, List.of("p1"))
			.setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.of(recordHeaders))
			.build();
	}

	private static AttendanceRecorded recorded(String patient) {
		Instant at = Instant.parse("2026-03-02T18:00:00Z");
		return new AttendanceRecorded("r1", "s1", "program-a", patient, SessionType.GROUP, AttendanceStatus.ATTENDED,
				60, 180, at, at);
	}

}
