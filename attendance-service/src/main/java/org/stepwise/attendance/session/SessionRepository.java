package org.stepwise.attendance.session;

import java.time.Instant;
import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

public interface SessionRepository extends MongoRepository<Session, String> {

	@Query("{ 'roster': ?0 }")
	List<Session> findByRosterMember(String patientId);

	/** Sessions that ended in the given interval and were not cancelled. */
	@Query("{ 'cancelled': false, 'endsAt': { $gte: ?0, $lt: ?1 } }")
	List<Session> findEndedBetween(Instant from, Instant to);

}
