package org.stepwise.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.util.unit.DataSize;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.Topics;
import org.stepwise.platform.audit.AuditEntry;
import org.stepwise.platform.inbox.EventInbox;
import org.stepwise.platform.kafka.EventPublisher;
import org.stepwise.platform.outbox.OutboxEvents;
import org.stepwise.platform.outbox.OutboxProperties;
import org.stepwise.platform.outbox.OutboxRelay;
import org.stepwise.platform.tracing.EventTracing;
import org.stepwise.platform.web.ConcurrencyLimitFilter;
import org.stepwise.platform.web.IdentifierCheck;
import org.stepwise.platform.web.ProblemDetailsAdvice;
import org.stepwise.platform.web.ProblemErrorReportValve;
import org.stepwise.platform.web.ProblemInstanceAdvice;
import org.stepwise.platform.web.RequestSizeLimitFilter;
import org.stepwise.platform.web.StrictInstants;

/** The shared run-time pieces of every Stepwise service. */
@AutoConfiguration
@EnableConfigurationProperties(OutboxProperties.class)
@Import({ ProblemDetailsAdvice.class, ProblemInstanceAdvice.class })
public class PlatformAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** Body size limit, ahead of every other filter (security included). */
	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
			@Value("${stepwise.http.max-body-size:256KB}") DataSize maxBodySize) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(maxBodySize));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Backpressure, right after the size limit and before authentication, so decoding
	 * tokens is bounded too.
	 */
	@Bean
	FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilter(
			@Value("${stepwise.http.max-concurrent-requests:64}") int maxConcurrent,
			@Value("${stepwise.http.queue-wait:2s}") Duration queueWait, MeterRegistry meters) {
		FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(
				new ConcurrencyLimitFilter(maxConcurrent, queueWait, meters));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/** Ids in paths and query parameters: {@link IdentifierCheck}. */
	@Bean
	WebMvcConfigurer identifierCheck() {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new IdentifierCheck());
			}
		};
	}

	/** Times in request bodies only as RFC 3339 strings: {@link StrictInstants}. */
	@Bean
	StrictInstants strictInstants() {
		return new StrictInstants();
	}

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	/**
	 * Carries trace context through the outbox and Kafka; without a tracer (tracing off,
	 * or a test slice without it) events simply carry none.
	 */
	@Bean
	EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		Tracer available = tracer.getIfAvailable();
		Propagator propagation = propagator.getIfAvailable();
		return (available != null && available != Tracer.NOOP && propagation != null)
				? new EventTracing(available, propagation) : EventTracing.none();
	}

	@Bean
	OutboxEvents outboxEvents(EventCodec codec, @Value("${spring.application.name}") String application,
			EventTracing tracing) {
		return new OutboxEvents(codec, application, tracing);
	}

	/**
	 * The producer for the outbox relay and dead letters: idempotent, acks=all, no linger
	 * (Kafka 4 defaults to 5 ms, which only adds latency for our small, synchronous
	 * sends). It signs in as the binder does (stepwise.kafka.*: PLAINTEXT by default).
	 */
	@Bean(destroyMethod = "close")
	EventPublisher eventPublisher(@Value("${stepwise.kafka.brokers}") String brokers,
			@Value("${stepwise.kafka.security-protocol:PLAINTEXT}") String securityProtocol,
			@Value("${stepwise.kafka.sasl-mechanism:SCRAM-SHA-512}") String saslMechanism,
			@Value("${stepwise.kafka.sasl-jaas-config:}") String saslJaasConfig,
			@Value("${spring.application.name}") String application, MeterRegistry meters) {
		Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
				ProducerConfig.CLIENT_ID_CONFIG, application + "-publisher", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
				true, ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
				// the services' own events are small; a dead letter is as large as the
				// record it keeps, which may be as large as its topic takes
				ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.DEAD_LETTER_MAX_RECORD_BYTES));
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
		if (!securityProtocol.equals("PLAINTEXT")) {
			config.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
			config.put(SaslConfigs.SASL_JAAS_CONFIG, saslJaasConfig);
		}
		Producer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer());
		return new EventPublisher(producer, meters);
	}

	/**
	 * Relays the service's outbox collections and the audit log's
	 * ({@value AuditEntry#COLLECTION}), which every service has.
	 */
	@Bean
	OutboxRelay outboxRelay(MongoTemplate mongo, EventPublisher publisher, OutboxProperties properties,
			MeterRegistry meters, Clock clock) {
		List<String> collections = new ArrayList<>(properties.collections());
		List<String> appendOnly = new ArrayList<>(properties.appendOnly());
		if (!collections.contains(AuditEntry.COLLECTION)) {
			collections.add(AuditEntry.COLLECTION);
			// an audit record is inserted once and never written again
			appendOnly.add(AuditEntry.COLLECTION);
		}
		return new OutboxRelay(mongo, publisher, new OutboxProperties(collections, properties.pollInterval(),
				properties.batchSize(), properties.sweepInterval(), appendOnly), meters, clock);
	}

	/**
	 * Named like Boot's own indicator (disabled in stepwise-defaults.yml), so health
	 * shows it as "mongo".
	 */
	@Bean
	MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
		return new MongoPingHealthIndicator(mongo);
	}

	/**
	 * A request waits at most this long for an unreachable store before it is answered
	 * 503 (the driver's default is 30 s, longer than a client's patience).
	 */
	@Bean
	MongoClientSettingsBuilderCustomizer storeUnavailableAfterFiveSeconds() {
		return (settings) -> settings
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout(2, TimeUnit.SECONDS));
	}

	/**
	 * Errors Tomcat answers itself (before any filter or controller) as problem
	 * documents; after Boot's customizer, which installs Tomcat's HTML one.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return new WebServerFactoryCustomizer<>() {
			@Override
			public void customize(TomcatServletWebServerFactory factory) {
				factory.addContextCustomizers((context) -> ProblemErrorReportValve.install(context.getParent()));
			}
		};
	}

	@Bean
	@ConditionalOnProperty("stepwise.parent-pid")
	ParentProcessWatch parentProcessWatch(@Value("${stepwise.parent-pid}") long parentPid,
			ConfigurableApplicationContext context) {
		return new ParentProcessWatch(parentPid, context);
	}

	@Bean
	EventInbox eventInbox(EventCodec codec, EventPublisher publisher, MeterRegistry meters, EventTracing tracing) {
		return new EventInbox(codec, publisher, meters, tracing);
	}

	/**
	 * Transient failures (database or broker down) are retried without limit, backing off
	 * to 10 s between attempts (well inside max.poll.interval.ms): the batch is never
	 * skipped, so nothing is lost. Poison records never get here: {@link EventInbox}
	 * dead-letters them.
	 */
	@Bean
	ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> unboundedRetry() {
		return (container, destination, group) -> {
			ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
			backOff.setMaxInterval(10_000);
			backOff.setMaxElapsedTime(Long.MAX_VALUE);
			DefaultErrorHandler errorHandler = new DefaultErrorHandler(backOff);
			// everything that reaches the container is worth another attempt: the inbox
			// dead-letters what is not, and a "not retryable" default would discard a
			// batch
			errorHandler.setClassifications(Map.of(), true);
			container.setCommonErrorHandler(errorHandler);
		};
	}

}
