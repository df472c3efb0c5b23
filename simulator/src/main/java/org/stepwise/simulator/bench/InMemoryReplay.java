package org.stepwise.simulator.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.plan.plans.domain.Evaluator;
import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.plan.progress.domain.LapseRiskModel;
import org.stepwise.plan.progress.domain.ProgramFocus;
import org.stepwise.plan.progress.domain.Projection;
import org.stepwise.plan.progress.domain.Retention;
import org.stepwise.plan.progress.domain.Thresholds;

/**
 * The ceiling of any patient-state design for plan-service (issue 19, item 4): the input
 * topics read from offset 0 by one consumer thread per partition number (each takes that
 * partition of every topic, as plan-service's consumers do), every record decoded and
 * validated, each poll's facts folded per patient into a state held in a map, evaluated
 * once per patient and poll at its latest fact, pruned, and the resulting events encoded
 * and produced, as plan-service does, but with nothing stored: no document, no state
 * store, no changelog, no transaction. A Kafka Streams topology adds its state store and
 * changelog writes to this; plan-service its MongoDB reads and bulk writes.
 */
final class InMemoryReplay {

	private static final ZoneId ZONE = ZoneId.of("America/Chicago");

	private final Properties consumerConfig;

	private final Properties producerConfig;

	InMemoryReplay(Properties consumerConfig, Properties producerConfig) {
		this.consumerConfig = consumerConfig;
		this.producerConfig = producerConfig;
	}

	/** Reads every partition to {@code ends}, a thread for each partition number. */
	ReplayBench.Rate run(Map<TopicPartition, Long> ends, int partitions) throws Exception {
		AtomicLong events = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		AtomicLong published = new AtomicLong();
		long started = System.nanoTime();
		ExecutorService threads = Executors.newFixedThreadPool(partitions);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(this.producerConfig,
				new ByteArraySerializer(), new ByteArraySerializer())) {
			List<Future<?>> running = new ArrayList<>();
			for (int partition = 0; partition < partitions; partition++) {
				int number = partition;
				Map<TopicPartition, Long> mine = new HashMap<>();
				ends.forEach((tp, end) -> {
					if (tp.partition() == number && end > 0) {
						mine.put(tp, end);
					}
				});
				running.add(threads.submit(() -> {
					read(mine, producer, events, bytes, published);
					return null;
				}));
			}
			for (Future<?> thread : running) {
				thread.get();
			}
			producer.flush();
		}
		finally {
			threads.shutdown();
		}
		System.out.printf("in-memory state: %,d events published%n", published.get());
		return new ReplayBench.Rate("decode, fold, evaluate, produce; state in memory", events.get(), bytes.get(),
				Duration.ofNanos(System.nanoTime() - started));
	}

	private void read(Map<TopicPartition, Long> ends, KafkaProducer<byte[], byte[]> producer, AtomicLong events,
			AtomicLong bytes, AtomicLong published) {
		EventCodec codec = new EventCodec();
		Map<String, PatientState> states = new HashMap<>();
		Retention retention = Retention.of(Thresholds.DEFAULTS);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.consumerConfig,
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			Set<TopicPartition> open = new HashSet<>(ends.keySet());
			consumer.assign(open);
			consumer.seekToBeginning(open);
			while (!open.isEmpty()) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
				Map<String, List<StepwiseEvent>> byPatient = new LinkedHashMap<>();
				for (ConsumerRecord<byte[], byte[]> record : records) {
					events.incrementAndGet();
					bytes.addAndGet(record.serializedValueSize());
					EventEnvelope<StepwiseEvent> event = codec.decode(record.value());
					byPatient.computeIfAbsent(event.subject(), (p) -> new ArrayList<>()).add(event.data());
				}
				byPatient.forEach((patient, facts) -> {
					PatientState state = states.computeIfAbsent(patient, (p) -> PatientState.start(p, "program-sim"));
					state = state.withProjection(state.projection().fold(facts));
					Instant at = latest(facts, state);
					Evaluator.Result result = Evaluator.evaluate(state, Thresholds.DEFAULTS, ProgramFocus.DEFAULT,
							LapseRiskModel.DEFAULT, ZONE, at, List.of());
					PatientState next = result.state();
					Projection kept = retention.prune(next.projection(), ZONE, at, next.absenceAsOf());
					states.put(patient, (kept == next.projection()) ? next : next.withProjection(kept));
					for (StepwiseEvent out : result.events()) {
						EventEnvelope<StepwiseEvent> envelope = EventEnvelope.of("/bench/in-memory", out, at);
						producer.send(new ProducerRecord<>(ReplayBench.PIPE_TOPIC, patient.getBytes(),
								codec.encode(envelope)));
						published.incrementAndGet();
					}
				});
				open.removeIf((tp) -> consumer.position(tp) >= ends.get(tp));
			}
		}
	}

	/** The latest clinical time of the facts, never before one the state has seen. */
	private static Instant latest(List<StepwiseEvent> facts, PatientState state) {
		Instant latest = state.projection().latestFactAt();
		for (StepwiseEvent fact : facts) {
			Instant at = Projection.clinicalTime(fact);
			if (at != null && (latest == null || at.isAfter(latest))) {
				latest = at;
			}
		}
		return (latest != null) ? latest : Instant.now();
	}

}
