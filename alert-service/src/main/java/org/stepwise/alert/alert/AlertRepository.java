package org.stepwise.alert.alert;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;

public interface AlertRepository extends MongoRepository<Alert, String> {

	/**
	 * What a list of alerts shows: one patient's alerts, or else those of the given
	 * programs (the caller's: the store reads just those, on an index, never every alert
	 * ever raised), in the given statuses, most severe first, then newest. Who may see
	 * which is still the caller's {@code AlertScope}.
	 */
	default List<Alert> listed(@Nullable String patientId, Collection<String> programIds, Set<AlertStatus> statuses) {
		List<Alert> candidates = (patientId != null) ? findByPatientIdOrderByRaisedAtDesc(patientId)
				: programIds.isEmpty() ? List.of()
						: findByProgramIdInAndStatusInOrderByRaisedAtDesc(programIds, statuses);
		return candidates.stream()
			.filter((alert) -> statuses.contains(alert.status()))
			.sorted(Comparator.comparing(Alert::severity)
				.reversed()
				.thenComparing(Alert::raisedAt, Comparator.reverseOrder()))
			.toList();
	}

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
