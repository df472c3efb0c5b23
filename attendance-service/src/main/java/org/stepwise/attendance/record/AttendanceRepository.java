package org.stepwise.attendance.record;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface AttendanceRepository extends MongoRepository<AttendanceRecord, String> {

	List<AttendanceRecord> findByPatientIdOrderByOccurredAtAsc(String patientId);

	/** A session's records (an Encounter id leads to its session: FHIR reads). */
	List<AttendanceRecord> findBySessionId(String sessionId);

}
