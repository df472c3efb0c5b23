package org.stepwise.alert.alert;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The alert lifecycle's metrics, tagged by kind and severity only (never a patient or an
 * alert id). Every alert counts in time to acknowledge: a clinician's first
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

	private final MeterRegistry meters;

	AlertMeters(MeterRegistry meters) {
		this.meters = meters;
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
			this.meters.counter(count.name(), "kind", alert.kind(), "severity", alert.severity().name()).increment();
		}
		else {
			this.meters
				.counter(count.name(), "kind", alert.kind(), "severity", alert.severity().name(), "outcome",
						count.outcome())
				.increment();
		}
	}

	void acknowledged(Alert alert) {
		this.meters.counter(ACKNOWLEDGED, "kind", alert.kind(), "severity", alert.severity().name()).increment();
	}

	void resolvedByClinician(Alert alert) {
		this.meters.counter(RESOLVED, "kind", alert.kind(), "severity", alert.severity().name(), "outcome", "clinician")
			.increment();
	}

}
