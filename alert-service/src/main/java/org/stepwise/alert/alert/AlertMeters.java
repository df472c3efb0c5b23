package org.stepwise.alert.alert;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import org.stepwise.alert.program.Programs;

/**
 * The alert lifecycle's metrics, tagged by kind, severity and the type of the alert's
 * program ({@code program_type}, e.g. {@code EATING_DISORDER}) only: never a patient, an
 * alert or a program id. Every alert counts in time to acknowledge: a clinician's first
 * acknowledgement records the timer once, whether explicit, implied by resolving an open
 * MEDIUM or LOW alert, or by deciding an open recommendation; an alert the system closes
 * before anyone acknowledged it is counted in {@value #UNACKNOWLEDGED_CLOSED} instead.
 */
@Component
class AlertMeters {

	static final String RAISED = "stepwise.alerts.raised";

	static final String ACKNOWLEDGED = "stepwise.alerts.acknowledged";

	static final String RESOLVED = "stepwise.alerts.resolved";

	static final String TIME_TO_ACKNOWLEDGE = "stepwise.alerts.time.to.acknowledge";

	static final String UNACKNOWLEDGED_CLOSED = "stepwise.alerts.unacknowledged.closed";

	static final String PROGRAM_TYPE = "program_type";

	private final MeterRegistry meters;

	private final Programs programs;

	AlertMeters(MeterRegistry meters, Programs programs) {
		this.meters = meters;
		this.programs = programs;
	}

	/**
	 * The alert's first acknowledgement: from raised to {@code acknowledged.updatedAt()}.
	 */
	void firstAcknowledged(Alert acknowledged) {
		Timer.builder(TIME_TO_ACKNOWLEDGE)
			.description("From an alert being raised to its first acknowledgement (explicit, or by a clinician "
					+ "resolving or deciding it while open)")
			.tag("kind", acknowledged.kind())
			.tag("severity", acknowledged.severity().name())
			.tag(PROGRAM_TYPE, programType(acknowledged))
			.publishPercentileHistogram()
			.register(this.meters)
			.record(Duration.between(acknowledged.raisedAt(), acknowledged.updatedAt()));
	}

	/** One of the alert book's counts. */
	void count(AlertBook.Count count) {
		Alert alert = count.alert();
		if (TIME_TO_ACKNOWLEDGE.equals(count.name())) {
			firstAcknowledged(alert);
		}
		else if (count.outcome() == null) {
			this.meters.counter(count.name(), tags(alert)).increment();
		}
		else {
			this.meters.counter(count.name(), tags(alert).and("outcome", count.outcome())).increment();
		}
	}

	void acknowledged(Alert alert) {
		this.meters.counter(ACKNOWLEDGED, tags(alert)).increment();
	}

	void resolvedByClinician(Alert alert) {
		this.meters.counter(RESOLVED, tags(alert).and("outcome", "clinician")).increment();
	}

	private Tags tags(Alert alert) {
		return Tags.of("kind", alert.kind(), "severity", alert.severity().name(), PROGRAM_TYPE, programType(alert));
	}

	private String programType(Alert alert) {
		return this.programs.typeTag(alert.programId());
	}

}
