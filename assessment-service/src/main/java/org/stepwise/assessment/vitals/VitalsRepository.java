package org.stepwise.assessment.vitals;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface VitalsRepository extends MongoRepository<VitalsRecord, String> {

	List<VitalsRecord> findByPatientIdOrderByMeasuredAtAsc(String patientId);

}
