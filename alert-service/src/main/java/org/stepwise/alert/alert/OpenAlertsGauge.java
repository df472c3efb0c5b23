package org.stepwise.alert.alert;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;

/**
 * {@code stepwise.alerts.open{severity}}: alerts open and not yet acknowledged, counted
 * in the store (so every instance reports the same truth, and a restart starts right),
 * every {@code stepwise.alerts.open-gauge-interval}.
 */
@Component
class OpenAlertsGauge {

	private final AlertRepository alerts;

	private final Map<Severity, AtomicLong> open = new EnumMap<>(Severity.class);

	OpenAlertsGauge(AlertRepository alerts, MeterRegistry meters) {
		this.alerts = alerts;
		for (Severity severity : Severity.values()) {
			AtomicLong value = new AtomicLong();
			this.open.put(severity, value);
			Gauge.builder("stepwise.alerts.open", value, AtomicLong::get)
				.description("Alerts open and not yet acknowledged")
				.tag("severity", severity.name())
				.register(meters);
		}
	}

	@Scheduled(fixedDelayString = "${stepwise.alerts.open-gauge-interval:PT15S}", initialDelay = 1_000)
	void refresh() {
		this.open
			.forEach((severity, value) -> value.set(this.alerts.countByStatusAndSeverity(AlertStatus.OPEN, severity)));
	}

}
