package org.stepwise.alert.alert;

import java.util.Collection;
import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface AlertClosureRepository extends MongoRepository<AlertClosure, String> {

	/** The closures of these patients: at most one per patient and kind. */
	List<AlertClosure> findByPatientIdIn(Collection<String> patientIds);

}
