package org.stepwise.alert.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.alert.program.Programs;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.Topics;
import org.stepwise.contracts.program.ProgramType;
import org.stepwise.contracts.program.ProgramUpdated;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;
import org.stepwise.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts count by the type of their patient's program (issue 22, item 5: Grafana's
 * program overview shows alerts per program type): the program's types come from
 * {@code stepwise.programs.v1}, and a program alert-service does not know counts as
 * {@value ProgramType#UNTYPED}. Never a program id in the tag.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class AlertMetersByProgramTypeTest {

	static final Instant AT = Instant.parse("2026-03-05T16:00:00Z");

	@Autowired
	MeterRegistry meters;

	@Autowired
	Programs programs;

	@Test
	void anAlertCountsUnderItsProgramsTypesAndAnUnknownProgramsAsNone() {
		String program = "program-ed-" + System.nanoTime();
		TestEvents.publish(EventEnvelope.of("/test",
				new ProgramUpdated(program, "Eating disorders, adolescents", ProgramType.EATING_DISORDER,
						"America/Chicago", "ADOLESCENT", Map.of(), null, List.of(), 1, AT,
						List.of(ProgramType.EATING_DISORDER, ProgramType.ADOLESCENT)),
				AT));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.programs.typeTag(program).equals("ADOLESCENT+EATING_DISORDER"));
		double edBefore = raised("ADOLESCENT+EATING_DISORDER");
		double untypedBefore = raised(ProgramType.UNTYPED);

		String patient = "patient-" + System.nanoTime();
		String elsewhere = "patient-" + System.nanoTime();
		try (TopicProbe probe = TopicProbe.from(Topics.ALERTS)) {
			TestEvents.publish(assessed(program, patient));
			TestEvents.publish(assessed("program-unknown-" + System.nanoTime(), elsewhere));
			probe.awaitEvents(patient, 1, Duration.ofSeconds(30));
			probe.awaitEvents(elsewhere, 1, Duration.ofSeconds(30));
		}

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(raised("ADOLESCENT+EATING_DISORDER") - edBefore).isEqualTo(1.0);
			assertThat(raised(ProgramType.UNTYPED) - untypedBefore).isEqualTo(1.0);
		});
		assertThat(this.meters.find("stepwise.alerts.raised").counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTag("program_type")).doesNotContain("program-"));
	}

	private double raised(String programType) {
		return this.meters.find("stepwise.alerts.raised")
			.tags("kind", "MEDICAL_INSTABILITY", "program_type", programType)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private static EventEnvelope<ProgressAssessed> assessed(String program, String patient) {
		SignalFired s14 = new SignalFired("S14", "MEDICAL_INSTABILITY", Severity.CRITICAL,
				"heart rate 48/min by day on 2026-03-05 (under 50)",
				Map.of("heartRatePerMin", "48", "timeOfDay", "DAY", "criteria", "heartRate"), AT);
		return EventEnvelope.of("/test", new ProgressAssessed(program, patient, 1, RiskLevel.LOW, false, List.of(s14),
				List.of("clinician-1"), List.of("event-1"), "test", AT.plusSeconds(1)), AT);
	}

}
