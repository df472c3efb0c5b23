package org.stepwise.plan.progress;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface PatientProgressRepository extends MongoRepository<PatientProgress, String> {

}
