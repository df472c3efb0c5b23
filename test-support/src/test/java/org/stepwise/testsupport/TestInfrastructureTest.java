package org.stepwise.testsupport;

import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.stepwise.contracts.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class TestInfrastructureTest {

	@Test
	void oneSharedBrokerAndDatabasePerJvmWithTheTopicsCreated() throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		assertThat(TestInfrastructure.get()).isSameAs(infrastructure);
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
			assertThat(admin.listTopics().names().get()).containsAll(Topics.ALL);
		}
		try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
			assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok")).isIn(1, 1.0);
		}
	}

}
