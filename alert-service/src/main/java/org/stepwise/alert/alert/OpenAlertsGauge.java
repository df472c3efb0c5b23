package org.stepwise.alert.alert;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;

/**
 * {@code stepwise.alerts.open{severity}}: alerts open and not yet acknowledged, counted
 * in the store (so every instance reports the same truth, and a restart starts right),
 * every {@code stepwise.alerts.open-gauge-interval}. One query reads the open alerts'
 * severities: a count per severity was four passes over every alert ever raised (the
 * embedded store has no index to answer them), each holding all of them at once.
 */
@Component
class OpenAlertsGauge {

	private final MongoTemplate mongo;

	private final Map<Severity, AtomicLong> open = new EnumMap<>(Severity.class);

	OpenAlertsGauge(MongoTemplate mongo, MeterRegistry meters) {
		this.mongo = mongo;
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
		Query openAlerts = new Query(Criteria.where("status").is(AlertStatus.OPEN));
		openAlerts.fields().include("severity");
		Map<Severity, Long> counts = new EnumMap<>(Severity.class);
		for (Document alert : this.mongo.find(openAlerts, Document.class, this.mongo.getCollectionName(Alert.class))) {
			counts.merge(Severity.valueOf(alert.getString("severity")), 1L, Long::sum);
		}
		this.open.forEach((severity, value) -> value.set(counts.getOrDefault(severity, 0L)));
	}

}
