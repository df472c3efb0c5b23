package org.stepwise.plan.progress;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

public interface PatientFileRepository extends MongoRepository<PatientFile, String> {

	@Query("{ 'state.recommendations.recommendationId': ?0 }")
	Optional<PatientFile> findByRecommendation(String recommendationId);

}
