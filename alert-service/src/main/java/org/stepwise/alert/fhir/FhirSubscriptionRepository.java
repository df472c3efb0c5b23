package org.stepwise.alert.fhir;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface FhirSubscriptionRepository extends MongoRepository<FhirSubscription, String> {

	/** A program's subscriptions (index program). */
	List<FhirSubscription> findByProgramId(String programId);

}
