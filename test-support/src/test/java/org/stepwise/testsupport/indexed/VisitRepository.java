package org.stepwise.testsupport.indexed;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

/** Repository queries for {@code QueryIndexesTest}. */
public interface VisitRepository extends MongoRepository<Visit, String> {

	/** Filter and order from patient_time (patientId is stored as "patient"). */
	List<Visit> findByPatientIdOrderByAtAsc(String patientId);

	/** patient_time has the order after the filter, not this one. */
	List<Visit> findByPatientIdOrderByStatusAsc(String patientId);

	/** A unique index on exactly its field: the embedded store uses it too. */
	Optional<Visit> findByCode(String code);

	/** Unique and exact, but compound with $in: MongoDB only. */
	List<Visit> findByRoomAndStatusIn(String room, Collection<String> statuses);

	/** No index on status. */
	@Query("{ 'status': ?0, 'at': { $lte: ?1 } }")
	List<Visit> findByStatusBefore(String status, Instant before);

}
