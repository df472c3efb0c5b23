package org.stepwise.assessment.assessment;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

import org.stepwise.contracts.assessment.Instrument;

public interface AssessmentRepository extends MongoRepository<AssessmentRecord, String> {

	List<AssessmentRecord> findByPatientIdOrderByOccurredAtAsc(String patientId);

	List<AssessmentRecord> findByPatientIdAndInstrumentOrderByOccurredAtAsc(String patientId, Instrument instrument);

}
