package org.stepwise.platform;

import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Database health by {@code ping}, which every server answers. It replaces Boot's
 * indicator, which asks {@code hello}: the embedded wire-protocol server of the local
 * stack and the tests does not implement that command.
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	public MongoPingHealthIndicator(MongoTemplate mongo) {
		super("MongoDB ping failed");
		this.mongo = mongo;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document reply = this.mongo.executeCommand(new Document("ping", 1));
		builder.status((reply.get("ok") instanceof Number ok && ok.doubleValue() == 1.0) ? "UP" : "DOWN");
	}

}
