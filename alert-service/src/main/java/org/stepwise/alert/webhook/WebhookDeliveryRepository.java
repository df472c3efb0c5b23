package org.stepwise.alert.webhook;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

public interface WebhookDeliveryRepository extends MongoRepository<WebhookDelivery, String> {

	@Query("{ 'status': 'PENDING', 'nextAttemptAt': { $lte: ?0 } }")
	List<WebhookDelivery> findDue(Instant now, Pageable page);

	List<WebhookDelivery> findByProgramIdOrderByCreatedAtDesc(String programId, Pageable page);

	List<WebhookDelivery> findByAlertIdOrderByCreatedAtDesc(String alertId, Pageable page);

	List<WebhookDelivery> findAllByOrderByCreatedAtDesc(Pageable page);

}
