package org.stepwise.alert.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hot query of alert-service is answered by an index the mapping declares (created
 * at start by {@code auto-index-creation}): its equality fields, then its sort or range
 * field, are a prefix of one index's keys, so none of them scans every alert ever raised.
 * The embedded test store ignores non-unique indexes, so this reads the declarations.
 */
class AlertIndexesTest {

	final MongoMappingContext mapping = mapping();

	@Test
	void theHotQueriesOfAlertsAreOnAnIndex() {
		List<List<String>> indexes = indexKeys(Alert.class);
		// AlertProjector: the active alerts of a batch's patients
		assertThat(indexes).anyMatch(startsWith("patientId", "status"));
		// GET /alerts?patientId: one patient's alerts
		assertThat(indexes).anyMatch(startsWith("patientId"));
		// GET /alerts (the inbox, grouped by patient in the console): the caller's
		// programs' alerts of some statuses, newest first
		assertThat(indexes).anyMatch(startsWith("programId", "status", "raisedAt"));
		// Escalator: open alerts due; OpenAlertsGauge: open alerts
		assertThat(indexes).anyMatch(startsWith("status", "escalateAt"));
	}

	@Test
	void closuresAreReadByPatient() {
		assertThat(indexKeys(AlertClosure.class)).anyMatch(startsWith("patientId"));
	}

	private static MongoMappingContext mapping() {
		MongoMappingContext mapping = new MongoMappingContext();
		// java.time and the other store-native types, as the application's converter has
		mapping.setSimpleTypeHolder(new MongoCustomConversions(List.of()).getSimpleTypeHolder());
		return mapping;
	}

	private List<List<String>> indexKeys(Class<?> type) {
		MongoPersistentEntityIndexResolver resolver = new MongoPersistentEntityIndexResolver(this.mapping);
		List<List<String>> keys = new ArrayList<>();
		StreamSupport.stream(resolver.resolveIndexFor(type).spliterator(), false)
			.map(IndexDefinition::getIndexKeys)
			.forEach((index) -> keys.add(List.copyOf(index.keySet())));
		return keys;
	}

	private static java.util.function.Predicate<List<String>> startsWith(String... fields) {
		return (index) -> index.size() >= fields.length && index.subList(0, fields.length).equals(List.of(fields));
	}

}
