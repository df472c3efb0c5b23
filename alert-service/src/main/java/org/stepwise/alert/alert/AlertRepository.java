package org.stepwise.alert.alert;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;

public interface AlertRepository extends MongoRepository<Alert, String> {

	List<Alert> findByPatientIdAndStatusIn(String patientId, Collection<AlertStatus> statuses);

	List<Alert> findByPatientIdInAndStatusIn(Collection<String> patientIds, Collection<AlertStatus> statuses);

	List<Alert> findByPatientIdOrderByRaisedAtDesc(String patientId);

	long countByStatusAndSeverity(AlertStatus status, Severity severity);

	/**
	 * Alerts of some programs and statuses, newest first (index program_status_raised).
	 */
	List<Alert> findByProgramIdInAndStatusInOrderByRaisedAtDesc(Collection<String> programIds,
			Collection<AlertStatus> statuses);

	/**
	 * Open alerts whose acknowledgement target has passed and that have not escalated
	 * yet.
	 */
	@Query("{ 'status': 'OPEN', 'escalatedAt': null, 'escalateAt': { $lte: ?0 } }")
	List<Alert> findDueForEscalation(Instant now);

}
