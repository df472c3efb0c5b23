package org.stepwise.platform.audit;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

import org.stepwise.platform.PlatformAutoConfiguration;
import org.stepwise.platform.inbox.EventInbox;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.security.ApiAccessRules;
import org.stepwise.platform.security.PatientAccess;
import org.stepwise.platform.security.Role;
import org.stepwise.platform.security.careteam.CareTeams;

/**
 * The audit log and its query endpoint in every service. The outbox relay publishes the
 * {@value AuditEntry#COLLECTION} collection too (added by
 * {@link PlatformAutoConfiguration}).
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@Import(AuditController.class)
public class AuditAutoConfiguration {

	@Bean
	AuditLog auditLog(MongoTemplate mongo, OutboxEvents events, OutboxRelay relay, Clock clock,
			@Value("${spring.application.name}") String service) {
		return new AuditLog(mongo, events, relay, clock, service);
	}

	/**
	 * The chain check: program admins only, first (as the audit read's rule), so no
	 * service rule opens it wider.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ApiAccessRules auditVerifyAccessRules() {
		return (requests) -> requests.requestMatchers(HttpMethod.GET, "/api/v1/audit/verify")
			.hasRole(Role.PROGRAM_ADMIN.role());
	}

	@Bean
	CareTeams careTeams(MongoTemplate mongo) {
		return new CareTeams(mongo);
	}

	/**
	 * The care-team read model's binding: a service that scopes by care team binds
	 * {@code careTeamsConsumer-in-0} to {@code stepwise.plans.v1} and lists
	 * {@code careTeamsConsumer} in {@code spring.cloud.function.definition} (with
	 * {@code stepwise.security.care-teams.enabled})
	 */
	@Bean
	@ConditionalOnProperty("stepwise.security.care-teams.enabled")
	Consumer<Message<List<byte[]>>> careTeamsConsumer(EventInbox inbox, CareTeams careTeams) {
		return inbox.consumer(careTeams);
	}

	@Bean
	PatientAccess patientAccess(AuditLog audit, CareTeams careTeams) {
		return new PatientAccess(audit, careTeams);
	}

}
