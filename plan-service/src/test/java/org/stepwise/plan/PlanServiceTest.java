package org.stepwise.plan;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.testsupport.InfrastructureInitializer;

/**
 * The web-facing test context of plan-service with a clinical clock the tests move. It
 * runs as its own application (name, database, consumer group), so it ignores and is
 * ignored by other test contexts sharing the broker and the database server; classes with
 * this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=plan-story", "spring.mongodb.database=stepwise-plan-story",
				"stepwise.plan.evaluation-interval=1h" })
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@Import(PlanServiceTest.ClockConfiguration.class)
public @interface PlanServiceTest {

	/** Where events of this context come from. */
	String SOURCE = "/stepwise/plan-story";

	MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T13:00:00Z"));

	@TestConfiguration
	class ClockConfiguration {

		@Bean
		Clock clock() {
			return CLOCK;
		}

	}

	/** A clinical clock the test moves. */
	final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		public void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
