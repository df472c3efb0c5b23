package org.stepwise.assessment.checkin;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface CheckInRepository extends MongoRepository<CheckIn, String> {

	List<CheckIn> findByPatientIdOrderByOccurredAtAsc(String patientId);

}
