package org.stepwise.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.platform.kafka.EventPublisher;
import org.stepwise.testsupport.CapturedLogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventInboxTest {

	private final EventCodec codec = new EventCodec();

	private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
			new ByteArraySerializer());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final EventInbox inbox = new EventInbox(this.codec, new EventPublisher(this.producer, this.meters),
			this.meters);

	@Test
	void unreadableRecordsAreDeadLetteredWithTheReasonAndTheRestIsHandled() {
		List<ReceivedEvent> handled = new ArrayList<>();
		byte[] good = this.codec.encode(event("p1", "r1"));

		this.inbox.accept(
				batch("{oops".getBytes(StandardCharsets.UTF_8), good,
						"{\"specversion\":\"1.0\",\"type\":\"no.such.type\"}".getBytes(StandardCharsets.UTF_8)),
				handled::addAll);

		assertThat(handled).extracting(ReceivedEvent::offset).containsExactly(11L);
		assertThat(this.producer.history()).hasSize(2).allSatisfy((record) -> {
			assertThat(record.topic()).isEqualTo(Topics.deadLetter(Topics.ATTENDANCE));
			assertThat(header(record, EventPublisher.DLT_SOURCE_TOPIC)).isEqualTo(Topics.ATTENDANCE);
		});
		assertThat(header(this.producer.history().get(0), EventPublisher.DLT_REASON)).isEqualTo("not JSON");
		assertThat(header(this.producer.history().get(0), EventPublisher.DLT_SOURCE_OFFSET)).isEqualTo("10");
		assertThat(header(this.producer.history().get(1), EventPublisher.DLT_REASON)).isEqualTo("unknown event type");
		assertThat(this.meters.get("stepwise.events.dead.lettered").tag("reason", "not_JSON").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("stepwise.events.consumed").tag("outcome", "processed").counter().count())
			.isEqualTo(1);
	}

	@Test
	void anEventTheHandlerCannotProcessIsDeadLetteredAloneAndTheOthersAreHandled() {
		List<String> handled = new ArrayList<>();
		EventBatchHandler failsOnP2 = (events) -> {
			if (events.stream().anyMatch((e) -> e.envelope().subject().equals("p2"))) {
				throw new IllegalStateException("bug");
			}
			events.forEach((e) -> handled.add(e.envelope().subject()));
		};

		this.inbox.accept(batch(this.codec.encode(event("p1", "r1")), this.codec.encode(event("p2", "r2")),
				this.codec.encode(event("p3", "r3"))), failsOnP2);

		assertThat(handled).containsExactly("p1", "p3");
		assertThat(this.producer.history()).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo("p2");
			assertThat(header(record, EventPublisher.DLT_REASON)).isEqualTo("processing failed: IllegalStateException");
		});
	}

	@Test
	void aTransientFailurePropagatesSoTheBatchIsRetriedAndNothingIsDeadLettered() {
		EventBatchHandler databaseDown = (events) -> {
			throw new DataAccessResourceFailureException("down");
		};

		assertThatThrownBy(() -> this.inbox.accept(batch(this.codec.encode(event("p1", "r1"))), databaseDown))
			.isInstanceOf(EventInbox.BatchRetryException.class);
		assertThat(this.producer.history()).isEmpty();
	}

	@Test
	void aTransientFailureNamesNoPatientNorTheCausesMessage() {
		EventBatchHandler conflict = (events) -> {
			throw new OptimisticLockingFailureException("patient p1 changed");
		};

		try (CapturedLogs logs = CapturedLogs.open()) {
			assertThatThrownBy(() -> this.inbox
				.accept(batch(this.codec.encode(event("p1", "r1")), this.codec.encode(event("p2", "r2"))), conflict))
				.isInstanceOf(EventInbox.BatchRetryException.class)
				.hasNoCause()
				.hasMessageNotContaining("p1");
			assertThat(logs.lines())
				.containsExactly("org.stepwise.platform.inbox.EventInbox WARN Batch of 2 events from "
						+ Topics.ATTENDANCE
						+ " (partitions 0, offsets 10 to 11) failed with OptimisticLockingFailureException; it is retried");
		}
	}

	@Test
	void aTombstoneIsDeadLetteredAloneAndItsBatchMatesAreHandled() {
		List<ReceivedEvent> handled = new ArrayList<>();

		this.inbox.accept(batch(Topics.ASSESSMENTS, KafkaNull.INSTANCE, this.codec.encode(event("p1", "r1"))),
				handled::addAll);

		assertThat(handled).extracting(ReceivedEvent::offset).containsExactly(11L);
		assertThat(this.producer.history()).singleElement().satisfies((record) -> {
			assertThat(record.topic()).isEqualTo(Topics.deadLetter(Topics.ASSESSMENTS));
			assertThat(record.value()).isNull();
			assertThat(header(record, EventPublisher.DLT_REASON)).isEqualTo("tombstone");
			assertThat(header(record, EventPublisher.DLT_SOURCE_OFFSET)).isEqualTo("10");
		});
		assertThat(this.meters.get("stepwise.events.dead.lettered").tag("reason", "tombstone").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("stepwise.events.consumed").tag("outcome", "dead_lettered").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("stepwise.events.consumed").tag("outcome", "processed").counter().count())
			.isEqualTo(1);
	}

	@Test
	void aRecordWithoutKeyOrWithAValueOfAnotherTypeIsDeadLetteredAlone() {
		List<ReceivedEvent> handled = new ArrayList<>();
		byte[] good = this.codec.encode(event("p1", "r1"));

		this.inbox.accept(batch(Topics.ATTENDANCE, Arrays.asList(null, "p1", "p1"), good, "text", good),
				handled::addAll);

		assertThat(handled).extracting(ReceivedEvent::offset).containsExactly(12L);
		assertThat(this.producer.history()).extracting((record) -> header(record, EventPublisher.DLT_REASON))
			.containsExactly("missing key", "unexpected value type");
		assertThat(this.meters.get("stepwise.events.dead.lettered").tag("reason", "missing_key").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("stepwise.events.dead.lettered")
			.tag("reason", "unexpected_value_type")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void anEventKeyedOtherwiseThanItsSubjectOrDatedInTheFutureIsDeadLetteredAlone() {
		List<ReceivedEvent> handled = new ArrayList<>();
		Instant future = Instant.now().plus(Duration.ofDays(3));
		EventEnvelope<AttendanceRecorded> tomorrowAndSome = EventEnvelope.of("/test", new AttendanceRecorded("r3", "s1",
				"program-a", "p3", SessionType.GROUP, AttendanceStatus.ATTENDED, 60, 180, future, future), future);

		byte[] keyedAsP2 = this.codec.encode(event("p1", "r1"));

		this.inbox.accept(batch(Topics.ATTENDANCE, List.of("p2", "p1", "p3"), keyedAsP2,
				this.codec.encode(event("p1", "r2")), this.codec.encode(tomorrowAndSome)), handled::addAll);

		assertThat(handled).extracting(ReceivedEvent::offset).containsExactly(11L);
		assertThat(this.producer.history()).extracting((record) -> header(record, EventPublisher.DLT_REASON))
			.containsExactly("key does not match the event's subject", "dated more than 1 day ahead");
		// the original bytes, for a re-drive after a fix
		assertThat(this.producer.history().get(0).value()).isEqualTo(keyedAsP2);
	}

	@Test
	void emptyBytesAndJsonThatIsNoCloudEventAreDeadLetteredWithTheirReason() {
		List<ReceivedEvent> handled = new ArrayList<>();

		this.inbox.accept(batch(new byte[0], "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8),
				this.codec.encode(event("p1", "r1"))), handled::addAll);

		assertThat(handled).extracting(ReceivedEvent::offset).containsExactly(12L);
		assertThat(this.producer.history()).extracting((record) -> header(record, EventPublisher.DLT_REASON))
			.allSatisfy((reason) -> assertThat(reason).isNotBlank().doesNotContain("p1"))
			.hasSize(2);
	}

	@Test
	void aTombstoneOnTheCompactedProgramsTopicDeletesTheProgramInPartitionOrder() {
		List<String> seen = new ArrayList<>();
		EventBatchHandler updates = (events) -> events
			.forEach((e) -> seen.add("updated " + ((ProgramUpdated) e.data()).programId()));
		TombstoneHandler deletions = (key) -> seen.add("deleted " + key);

		this.inbox.consumer(updates, deletions)
			.accept(batch(Topics.PROGRAMS, Arrays.asList("program-a", "program-a", "program-b", "program-b"),
					this.codec.encode(program("program-a", 1)), KafkaNull.INSTANCE, KafkaNull.INSTANCE,
					this.codec.encode(program("program-b", 2))));

		assertThat(seen).containsExactly("updated program-a", "deleted program-a", "deleted program-b",
				"updated program-b");
		assertThat(this.producer.history()).isEmpty();
		assertThat(this.meters.get("stepwise.events.consumed").tag("outcome", "tombstone").counter().count())
			.isEqualTo(2);
	}

	@Test
	void aTombstoneOnTheProgramsTopicIsCountedWhereNobodyKeepsPrograms() {
		this.inbox.accept(batch(Topics.PROGRAMS, Arrays.asList("program-a"), KafkaNull.INSTANCE), (events) -> {
		});

		assertThat(this.producer.history()).isEmpty();
		assertThat(this.meters.get("stepwise.events.consumed").tag("outcome", "tombstone").counter().count())
			.isEqualTo(1);
	}

	private static EventEnvelope<AttendanceRecorded> event(String patient, String record) {
		Instant at = Instant.parse("2026-03-02T18:00:00Z");
		return EventEnvelope.of("/test", new AttendanceRecorded(record, "s1", "program-a", patient, SessionType.GROUP,
				AttendanceStatus.ATTENDED, 60, 180, at, at), at);
	}

	private static EventEnvelope<ProgramUpdated> program(String program, long version) {
		Instant at = Instant.parse("2026-03-02T18:00:00Z");
		return EventEnvelope.of("/test", new ProgramUpdated(program, "Evening IOP", ProgramType.ADDICTION,
				"America/Chicago", "ADULT", Map.of(), null, List.of(), version, at), at);
	}

	/**
	 * A batch as the binder delivers it: values plus per-record header lists; offsets
	 * start at 10.
	 */
	private static Message<List<byte[]>> batch(byte[]... values) {
		return batch(Topics.ATTENDANCE, (Object[]) values);
	}

	/** Each event keyed by its subject, as producers key them; anything else "key-i". */
	private static Message<List<byte[]>> batch(String topic, Object... values) {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < values.length; i++) {
			keys.add(subject(values[i]).orElse("key-" + i));
		}
		return batch(topic, keys, values);
	}

	private static java.util.Optional<String> subject(Object value) {
		try {
			return (value instanceof byte[] bytes) ? java.util.Optional.of(new EventCodec().decode(bytes).subject())
					: java.util.Optional.empty();
		}
		catch (RuntimeException ex) {
			return java.util.Optional.empty();
		}
	}

	/** Values as the binder hands them over: a tombstone is {@link KafkaNull}. */
	@SuppressWarnings("unchecked")
	private static Message<List<byte[]>> batch(String topic, List<String> keys, Object... values) {
		List<String> topics = new ArrayList<>();
		List<Integer> partitions = new ArrayList<>();
		List<Long> offsets = new ArrayList<>();
		for (int i = 0; i < values.length; i++) {
			topics.add(topic);
			partitions.add(0);
			offsets.add(10L + i);
		}
		Message<?> message = MessageBuilder.withPayload(List.of(values))
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, topics)
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, partitions)
			.setHeader(KafkaHeaders.OFFSET, offsets)
			.setHeader(KafkaHeaders.RECEIVED_KEY, keys)
			.build();
		return (Message<List<byte[]>>) message;
	}

	private static String header(ProducerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
