package org.stepwise.alert.timeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.assessment.TimeOfDay;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The patient page's eating-disorder charts read the timeline: EDE-QS totals, and each
 * measurement's weight and heart rate with its time of day, from
 * {@code stepwise.assessments.v1}; a measurement with neither (a temperature alone) is
 * not charted, and a redelivery is one point.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class EatingDisorderTimelineTest {

	static final Instant AT = Instant.parse("2026-03-05T15:00:00Z");

	@Autowired
	Timeline timeline;

	@Test
	void edeQsTotalsWeightsAndHeartRatesAreCharted() {
		String patient = "patient-" + System.nanoTime();
		Map<String, Integer> items = new java.util.LinkedHashMap<>();
		for (int i = 1; i <= 12; i++) {
			items.put(Integer.toString(i), 2);
		}
		TestEvents.publish(EventEnvelope.of("/test", new AssessmentScored("edeqs-" + patient, "program-c", patient,
				Instrument.EDEQS, items, 24, Map.of(), "24 of 36", List.of(), SafetyLevel.NONE, Set.of(), AT, AT), AT));
		EventEnvelope<VitalsRecorded> weighed = EventEnvelope.of("/test",
				vitals("v1-" + patient, patient, AT.plusSeconds(60), new BigDecimal("47.8"), 48, TimeOfDay.DAY, null),
				AT.plusSeconds(60));
		TestEvents.publish(weighed);
		TestEvents.publish(weighed);
		TestEvents.publish(EventEnvelope.of("/test",
				vitals("v2-" + patient, patient, AT.plusSeconds(120), null, null, null, new BigDecimal("36.1")),
				AT.plusSeconds(120)));
		TestEvents.publish(EventEnvelope.of("/test",
				vitals("v3-" + patient, patient, AT.plusSeconds(180), null, 44, TimeOfDay.NIGHT, null),
				AT.plusSeconds(180)));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.timeline.of(patient).size() == 3);
		List<TimelineEntry> entries = this.timeline.of(patient);
		assertThat(entries).extracting(TimelineEntry::type).containsExactly("EDEQS", "VITALS", "VITALS");
		assertThat(entries.get(0).total()).isEqualTo(24);
		assertThat(entries.get(1)).satisfies((e) -> {
			assertThat(e.weightKg()).isEqualTo(47.8);
			assertThat(e.heartRatePerMin()).isEqualTo(48);
			assertThat(e.timeOfDay()).isEqualTo("DAY");
		});
		assertThat(entries.get(2)).satisfies((e) -> {
			assertThat(e.weightKg()).isNull();
			assertThat(e.heartRatePerMin()).isEqualTo(44);
			assertThat(e.timeOfDay()).isEqualTo("NIGHT");
		});
	}

	private static VitalsRecorded vitals(String id, String patient, Instant at, BigDecimal weightKg, Integer heartRate,
			TimeOfDay timeOfDay, BigDecimal temperatureC) {
		return new VitalsRecorded(id, "program-c", patient, timeOfDay, weightKg,
				(weightKg != null) ? new BigDecimal("163") : null, heartRate, null, null, temperatureC, null, null,
				null, null, List.of(), at, at);
	}

}
