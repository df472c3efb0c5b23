package org.stepwise.alert.alert;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.alert.careteam.CareTeamRepository;
import org.stepwise.alert.program.Programs;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.platform.inbox.ReceivedEvent;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two alert-service instances handling the same partition at once (a rebalance, or a
 * consumer that lost its partitions while busy and still finishes its batch) must not
 * open two alerts of one kind for one patient (issue 20). Both projectors read the
 * patient's alerts before either writes, forced by a barrier in their repository, then
 * both write: one alert stays, the other write becomes an update of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class TwoInstancesOneAlertTest {

	@Autowired
	AlertRepository alerts;

	@Autowired
	AlertClosureRepository closures;

	@Autowired
	CareTeamRepository careTeams;

	@Autowired
	Programs programs;

	@Autowired
	OutboxEvents events;

	@Autowired
	OutboxRelay relay;

	@Autowired
	AlertMeters meters;

	@Autowired
	Clock clock;

	@Autowired
	AlertProperties properties;

	@Test
	void twoInstancesThatBothFoundNoAlertOpenOneBetweenThem() throws Exception {
		String patient = "patient-" + System.nanoTime();
		CyclicBarrier bothRead = new CyclicBarrier(2);
		AlertProjector one = projector(bothRead);
		AlertProjector other = projector(bothRead);
		List<ReceivedEvent> batch = List.of(disengagement(patient));

		// a thread each (the common pool may have one on two cores)
		ExecutorService instances = Executors.newFixedThreadPool(2);
		try {
			Future<?> first = instances.submit(() -> one.handle(batch));
			Future<?> second = instances.submit(() -> other.handle(batch));
			first.get(60, TimeUnit.SECONDS);
			second.get(60, TimeUnit.SECONDS);
		}
		finally {
			instances.shutdownNow();
		}

		assertThat(this.alerts.findByPatientIdOrderByRaisedAtDesc(patient)).singleElement().satisfies((alert) -> {
			assertThat(alert.kind()).isEqualTo("DISENGAGEMENT");
			assertThat(alert.active()).isTrue();
		});
	}

	/**
	 * A projector of its own over the application's store, whose first read of active
	 * alerts waits for the other projector's.
	 */
	private AlertProjector projector(CyclicBarrier bothRead) {
		ThreadLocal<Boolean> waited = ThreadLocal.withInitial(() -> false);
		AlertRepository store = this.alerts;
		AlertRepository rendezvous = (AlertRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { AlertRepository.class }, (proxy, method, args) -> {
					Object result;
					try {
						result = method.invoke(store, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					if (method.getName().equals("findByPatientIdInAndStatusIn") && !waited.get()) {
						waited.set(true);
						bothRead.await(30, TimeUnit.SECONDS);
					}
					return result;
				});
		return new AlertProjector(rendezvous, this.closures, this.careTeams, this.programs, this.events, this.relay,
				this.meters, this.clock, this.properties);
	}

	private static ReceivedEvent disengagement(String patient) {
		Instant at = Instant.now();
		SignalFired s9 = new SignalFired("S9", "DISENGAGEMENT", Severity.HIGH, "3 unexcused no-shows in a row",
				Map.of("consecutiveNoShows", "3"), at.minus(Duration.ofDays(7)));
		EventEnvelope<ProgressAssessed> envelope = EventEnvelope.of("/test", new ProgressAssessed("program-a", patient,
				1, RiskLevel.MODERATE, false, List.of(s9), List.of("clinician-1"), List.of("event-1"), "test", at), at);
		@SuppressWarnings("unchecked")
		EventEnvelope<StepwiseEvent> event = (EventEnvelope<StepwiseEvent>) (EventEnvelope<?>) envelope;
		return new ReceivedEvent(event, Topics.PROGRESS, 0, 1, null);
	}

}
