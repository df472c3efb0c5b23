package org.stepwise.alert.timeline;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface TimelineRepository extends MongoRepository<TimelineEntry, String> {

	List<TimelineEntry> findByPatientIdOrderByAtAsc(String patientId);

}
