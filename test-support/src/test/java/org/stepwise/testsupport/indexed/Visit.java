package org.stepwise.testsupport.indexed;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/** A document for {@code QueryIndexesTest}: some of its queries are indexed, some not. */
@Document("visits")
@CompoundIndex(name = "patient_time", def = "{'patient': 1, 'at': 1}")
@CompoundIndex(name = "code", def = "{'code': 1}", unique = true)
@CompoundIndex(name = "room_status", def = "{'room': 1, 'status': 1}", unique = true)
@CompoundIndex(name = "pending", def = "{'tasks.ref': 1}", partialFilter = "{'tasks.ref': {$exists: true}}")
public record Visit(@Id String id, @Field("patient") String patientId, String code, String room, String status,
		Instant at, List<Task> tasks, @Version Long version) {

	public record Task(String ref) {
	}

}
