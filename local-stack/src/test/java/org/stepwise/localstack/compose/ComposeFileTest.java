package org.stepwise.localstack.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.stepwise.contracts.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs on the development machines, so the production-like stack
 * ({@code docker-compose.yml}, the service Dockerfile and {@code deploy/}) is held to its
 * rules (docs/operations.md, Docker Compose) by reading it: pinned images, health checks,
 * start order by health rather than by time, memory limits with the heap inside them, the
 * documented ports on loopback only, Kafka advertising the right names, every topic and
 * dead-letter twin, non-root multi-stage images, Prometheus scraping every service and
 * Grafana provisioned with one datasource uid that every panel uses.
 */
class ComposeFileTest {

	/** The services and their documented ports (README, URLs and ports). */
	static final Map<String, Integer> SERVICE_PORTS = Map.of("attendance-service", 8081, "assessment-service", 8082,
			"plan-service", 8083, "alert-service", 8084);

	/**
	 * What a JVM needs besides its heap. Measured for these services: about 230 MiB
	 * (metaspace ~80, code cache ~40, symbols ~18, threads, GC, malloc).
	 */
	static final long NON_HEAP_MIB = 256;

	static final Set<String> DEPENDENCY_CONDITIONS = Set.of("service_healthy", "service_completed_successfully");

	static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");

	static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

	/** Names of environment variables that hold secrets. */
	static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|_KEY\\b|TOKEN");

	final Path root = repositoryRoot();

	final Map<String, Map<String, Object>> services = services();

	@Test
	void everyImageIsPinnedToAnExactVersion() {
		this.services.forEach((name, service) -> {
			if (service.get("image") != null) {
				assertPinned(name, service.get("image").toString());
			}
			else {
				assertThat(service).as(name + " has neither image nor build").containsKey("build");
			}
		});
		for (Path dockerfile : dockerfiles()) {
			Set<String> stages = new HashSet<>();
			for (String line : instructions(dockerfile, "FROM")) {
				List<String> words = Arrays.stream(line.split("\\s+"))
					.skip(1)
					.filter((word) -> !word.startsWith("--"))
					.toList();
				if (!stages.contains(words.get(0))) {
					assertPinned(dockerfile.getFileName() + ": " + line, words.get(0));
				}
				if (words.size() == 3 && words.get(1).equalsIgnoreCase("AS")) {
					stages.add(words.get(2));
				}
			}
		}
	}

	@Test
	void everyLongRunningServiceHasAHealthCheckAndARestartPolicy() {
		Set<String> oneShot = oneShotServices();
		assertThat(oneShot).contains("kafka-init");
		this.services.forEach((name, service) -> {
			String restart = String.valueOf(service.getOrDefault("restart", "no"));
			if (oneShot.contains(name)) {
				assertThat(restart).as(name + " runs once: a restart policy would run it again and again")
					.isIn("no", "false");
			}
			else {
				assertThat(restart).as(name + " restart policy").isIn("always", "unless-stopped", "on-failure");
				Map<String, Object> healthcheck = map(service.get("healthcheck"));
				assertThat(healthcheck).as(name + " health check").isNotNull().containsKey("test");
				assertThat(healthcheck.get("disable")).as(name).isNotEqualTo(true);
				assertThat(String.valueOf(healthcheck.get("test"))).as(name).doesNotContain("NONE");
			}
		});
	}

	@Test
	void startOrderWaitsForHealthNotForTime() {
		Set<String> oneShot = oneShotServices();
		this.services.forEach((name, service) -> {
			Object dependsOn = service.get("depends_on");
			if (dependsOn != null) {
				assertThat(dependsOn).as(name + ": depends_on needs conditions, not a list").isInstanceOf(Map.class);
				map(dependsOn).forEach((dependency, condition) -> {
					String wanted = String.valueOf(map(condition).get("condition"));
					assertThat(wanted).as(name + " -> " + dependency).isIn(DEPENDENCY_CONDITIONS);
					assertThat(this.services).as(name + " -> " + dependency).containsKey(dependency);
					if (wanted.equals("service_healthy")) {
						assertThat(this.services.get(dependency)).as(dependency + " has a health check")
							.containsKey("healthcheck");
					}
					else {
						assertThat(oneShot).as(dependency + " runs once").contains(dependency);
					}
				});
			}
			for (String key : List.of("command", "entrypoint")) {
				assertThat(String.valueOf(service.get(key))).as(name + " " + key + " waits by sleeping")
					.doesNotContainPattern("\\bsleep\\s");
			}
		});
		SERVICE_PORTS.keySet().forEach((name) -> {
			Map<String, Object> dependsOn = map(this.services.get(name).get("depends_on"));
			assertThat(map(dependsOn.get("kafka"))).as(name).containsEntry("condition", "service_healthy");
			assertThat(map(dependsOn.get("mongo"))).as(name).containsEntry("condition", "service_healthy");
			assertThat(map(dependsOn.get("kafka-init"))).as(name)
				.containsEntry("condition", "service_completed_successfully");
		});
	}

	@Test
	void everyContainerHasAMemoryLimit() {
		this.services
			.forEach((name, service) -> assertThat(memoryLimitMib(service)).as(name + " memory limit").isPositive());
	}

	@Test
	void javaHeapsLeaveRoomInsideTheirLimits() {
		this.services.forEach((name, service) -> {
			if (service.containsKey("build")) {
				String options = String.valueOf(map(service.get("environment")).get("JAVA_TOOL_OPTIONS"));
				assertThat(options).as(name + ": the heap follows the container's limit, not a fixed -Xmx")
					.contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError")
					.doesNotContain("-Xmx", "-XX:MaxRAM=");
				Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=([\\d.]+)").matcher(options);
				assertThat(percentage.find()).isTrue();
				long limit = memoryLimitMib(service);
				long heap = (long) (limit * Double.parseDouble(percentage.group(1)) / 100);
				assertThat(limit - heap).as(name + ": MiB left besides a " + heap + " MiB heap in " + limit + " MiB")
					.isGreaterThanOrEqualTo(NON_HEAP_MIB);
			}
		});
		for (Path dockerfile : dockerfiles()) {
			assertThat(read(dockerfile)).as(dockerfile + " defaults for docker run")
				.contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
		}
		Map<String, Object> kafka = this.services.get("kafka");
		Matcher xmx = Pattern.compile("-Xmx(\\d+)([mMgG])")
			.matcher(String.valueOf(map(kafka.get("environment")).get("KAFKA_HEAP_OPTS")));
		assertThat(xmx.find()).as("the broker's heap is set (its scripts default to 1 GiB)").isTrue();
		long heap = Long.parseLong(xmx.group(1)) * (xmx.group(2).equalsIgnoreCase("g") ? 1024 : 1);
		assertThat(memoryLimitMib(kafka) - heap).as("kafka: MiB besides the heap").isGreaterThanOrEqualTo(NON_HEAP_MIB);
	}

	@Test
	void theStepwiseServicesPublishTheirDocumentedPortsAndCheckReadiness() {
		SERVICE_PORTS.forEach((name, port) -> {
			Map<String, Object> service = this.services.get(name);
			assertThat(service).as(name).isNotNull();
			List<PublishedPort> ports = list(service.get("ports")).stream().map(PublishedPort::parse).toList();
			assertThat(ports).as(name + " publishes exactly its port")
				.containsExactly(new PublishedPort("127.0.0.1", port, port));
			Map<String, Object> environment = map(service.get("environment"));
			assertThat(String.valueOf(environment.get("SERVER_PORT"))).as(name).isEqualTo(port.toString());
			assertThat(environment).as(name).containsEntry("STEPWISE_KAFKA_BROKERS", "kafka:9092");
			assertThat(String.valueOf(environment.get("STEPWISE_MONGODB_URI"))).as(name)
				.startsWith("mongodb://stepwise:")
				.contains("@mongo:27017/")
				.contains("replicaSet=rs0");
			assertThat(String.valueOf(map(service.get("healthcheck")).get("test"))).as(name)
				.contains("127.0.0.1:" + port + "/actuator/health/readiness");
			Map<String, Object> build = map(service.get("build"));
			assertThat(map(build.get("args"))).as(name)
				.containsEntry("SERVICE", name)
				.containsEntry("PORT", port.toString());
			assertThat(this.root.resolve(build.get("dockerfile").toString())).as(name).isRegularFile();
		});
	}

	@Test
	void theServicesTrustOnlyTheIdentityProviderAndWaitForIt() {
		Map<String, Object> idp = this.services.get("identity-provider");
		assertThat(idp).isNotNull();
		assertThat(list(idp.get("ports")).stream().map(PublishedPort::parse).toList())
			.containsExactly(new PublishedPort("127.0.0.1", 9000, 9000));
		assertThat(String.valueOf(map(idp.get("healthcheck")).get("test")))
			.contains("127.0.0.1:9000/actuator/health/readiness");
		assertThat(map(map(idp.get("build")).get("args"))).containsEntry("SERVICE", "identity-provider")
			.containsEntry("PORT", "9000");
		String issuer = String.valueOf(map(idp.get("environment")).get("STEPWISE_ISSUER_URI"));
		assertThat(issuer).isEqualTo("http://127.0.0.1:9000");
		SERVICE_PORTS.keySet().forEach((name) -> {
			Map<String, Object> service = this.services.get(name);
			Map<String, Object> environment = map(service.get("environment"));
			assertThat(environment).as(name)
				.containsEntry("STEPWISE_ISSUER_URI", issuer)
				.containsEntry("STEPWISE_JWK_SET_URI", "http://identity-provider:9000/oauth2/jwks");
			assertThat(map(map(service.get("depends_on")).get("identity-provider"))).as(name)
				.containsEntry("condition", "service_healthy");
		});
	}

	@Test
	void publishedPortsAreOnTheLoopbackInterfaceOnly() {
		// Kafka and MongoDB have no authentication: nothing is published on the
		// machine's other interfaces.
		this.services.forEach((name, service) -> {
			for (Object entry : list(service.getOrDefault("ports", List.of()))) {
				assertThat(PublishedPort.parse(entry).hostIp()).as(name + " publishes " + entry).isEqualTo("127.0.0.1");
			}
		});
	}

	@Test
	void theReadmePortTableMatchesTheComposePorts() {
		String readme = read(this.root.resolve("README.md"));
		Map<String, Integer> documented = new HashMap<>();
		Matcher row = Pattern.compile("(?m)^\\| ([a-z-]+|Kafka broker|MongoDB wire server) \\| (\\d+) \\|")
			.matcher(readme);
		while (row.find()) {
			documented.put(row.group(1), Integer.parseInt(row.group(2)));
		}
		SERVICE_PORTS
			.forEach((name, port) -> assertThat(documented).as("README port of " + name).containsEntry(name, port));
		assertThat(list(this.services.get("kafka").get("ports")).stream().map(PublishedPort::parse))
			.as("kafka publishes the README's port")
			.anySatisfy((published) -> assertThat(published.hostPort()).isEqualTo(documented.get("Kafka broker")));
		assertThat(list(this.services.get("mongo").get("ports")).stream().map(PublishedPort::parse))
			.as("mongo publishes the README's port")
			.anySatisfy(
					(published) -> assertThat(published.hostPort()).isEqualTo(documented.get("MongoDB wire server")));
	}

	@Test
	void kafkaAdvertisesItsServiceNameToContainersAndLoopbackOnlyToTheHost() {
		Map<String, Object> kafka = this.services.get("kafka");
		Map<String, Object> environment = map(kafka.get("environment"));
		assertThat(environment).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
		Map<String, String> listeners = listeners(environment.get("KAFKA_LISTENERS"));
		Map<String, String> advertised = listeners(environment.get("KAFKA_ADVERTISED_LISTENERS"));
		Map<Integer, Integer> published = new HashMap<>();
		list(kafka.get("ports")).stream()
			.map(PublishedPort::parse)
			.forEach((port) -> published.put(port.containerPort(), port.hostPort()));
		String internal = String.valueOf(environment.get("KAFKA_INTER_BROKER_LISTENER_NAME"));
		assertThat(advertised).containsEntry(internal, "kafka:9092");
		assertThat(advertised).as("some listener is for the host").hasSizeGreaterThanOrEqualTo(2);
		advertised.forEach((listener, address) -> {
			String host = address.substring(0, address.lastIndexOf(':'));
			int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
			String bound = listeners.get(listener);
			assertThat(bound).as(listener + " is a listener").isNotNull();
			Integer containerPort = Integer.parseInt(bound.substring(bound.lastIndexOf(':') + 1));
			if (published.containsKey(containerPort)) {
				assertThat(host).as(listener + ": the host reaches it on loopback").isIn(LOOPBACK);
				assertThat(port).as(listener + ": advertised as the published port")
					.isEqualTo(published.get(containerPort));
			}
			else {
				assertThat(host).as(listener + ": containers must never be told to connect to loopback")
					.isEqualTo("kafka");
			}
		});
		SERVICE_PORTS.keySet()
			.forEach((name) -> assertThat(advertised).containsValue(
					map(this.services.get(name).get("environment")).get("STEPWISE_KAFKA_BROKERS").toString()));
	}

	@Test
	void kafkaInitCreatesEveryTopicAndItsDeadLetterTwin() {
		String script = String.valueOf(this.services.get("kafka-init").get("command"));
		Matcher areas = Pattern.compile("for area in ([a-z ]+);").matcher(script);
		assertThat(areas.find()).as("the loop over topic areas").isTrue();
		Set<String> topics = Arrays.stream(areas.group(1).trim().split("\\s+"))
			.map((area) -> "stepwise." + area + ".v1")
			.collect(Collectors.toSet());
		assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.ALL);
		assertThat(script).contains("stepwise.$$area.v1 stepwise.$$area.v1" + Topics.DEAD_LETTER_SUFFIX)
			.contains("--partitions 3")
			.contains("--replication-factor 1")
			// as TopicProvisioner: a dead letter keeps bytes as large as its topic takes
			.contains("config=(--config max.message.bytes=" + Topics.DEAD_LETTER_MAX_RECORD_BYTES + ")");
		Matcher compacted = Pattern
			.compile("\\[ \"\\$\\$topic\" = (\\S+) ]; then\\s+config=\\(--config cleanup\\.policy=compact\\)")
			.matcher(script);
		Set<String> compactedTopics = new HashSet<>();
		while (compacted.find()) {
			compactedTopics.add(compacted.group(1));
		}
		assertThat(compactedTopics).as("compacted topics (never a dead-letter topic)")
			.containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().filter(Topics::isCompacted).toList());
		assertThat(script).as("one cleanup.policy in the script").containsOnlyOnce("cleanup.policy");
	}

	@Test
	void imagesAreMultiStageAndRunAsANonRootUser() {
		assertThat(dockerfiles()).isNotEmpty();
		for (Path dockerfile : dockerfiles()) {
			assertThat(dockerfile).isRegularFile();
			assertThat(instructions(dockerfile, "FROM")).as(dockerfile + " is multi-stage")
				.hasSizeGreaterThanOrEqualTo(2);
			List<String> users = instructions(dockerfile, "USER");
			assertThat(users).as(dockerfile + " USER").isNotEmpty();
			String user = users.getLast().split("\\s+")[1].split(":")[0];
			assertThat(user).as(dockerfile + " runs as").isNotIn("root", "0");
			assertThat(instructions(dockerfile, "ENTRYPOINT")).as(dockerfile + " exec-form ENTRYPOINT (java is PID 1)")
				.singleElement()
				.satisfies((entrypoint) -> assertThat(entrypoint.substring("ENTRYPOINT".length()).strip())
					.startsWith("["));
			assertThat(instructions(dockerfile, "EXPOSE")).as(dockerfile.toString()).isNotEmpty();
			assertThat(instructions(dockerfile, "COPY")).as(dockerfile + " takes the Maven-built executable jar")
				.anyMatch((copy) -> copy.contains("/target/") && copy.contains("-exec.jar"));
		}
		List<String> ignored = read(this.root.resolve(".dockerignore")).lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(ignored).as(".dockerignore sends only the executable jars")
			.containsExactly(ignored.get(0), "!*/target/*-exec.jar");
		assertThat(ignored.get(0)).isIn("*", "**");
	}

	@Test
	void prometheusScrapesEveryServiceAtItsComposeNameAndPort() {
		Map<String, Object> config = yaml(this.root.resolve("deploy/prometheus/prometheus.yml"));
		Set<String> targets = new HashSet<>();
		for (Object job : list(config.get("scrape_configs"))) {
			Map<String, Object> scrape = map(job);
			assertThat(scrape.get("job_name").toString()).as("the down alert selects jobs by this prefix")
				.startsWith("stepwise-");
			assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
			for (Object staticConfig : list(scrape.get("static_configs"))) {
				list(map(staticConfig).get("targets")).forEach((target) -> targets.add(target.toString()));
			}
		}
		List<String> expected = new ArrayList<>(
				SERVICE_PORTS.entrySet().stream().map((entry) -> entry.getKey() + ":" + entry.getValue()).toList());
		expected.add("identity-provider:9000");
		assertThat(targets).as("the services and the identity provider (issue 21: its metrics scrapeable too)")
			.containsExactlyInAnyOrderElementsOf(expected);
		assertThat(map(config.get("global"))).containsEntry("scrape_interval", "15s");
		Map<String, String> mounts = bindMounts("prometheus");
		assertThat(mounts).containsEntry("./deploy/prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml");
		String ruleDir = mounts.get("./deploy/prometheus/rules");
		assertThat(ruleDir).as("the rules are mounted").isNotNull();
		assertThat(list(config.get("rule_files"))).as("rule_files reads the mounted rules")
			.allSatisfy((pattern) -> assertThat(pattern.toString()).startsWith(ruleDir + "/"));
		StringBuilder expressions = new StringBuilder();
		for (Path file : files(this.root.resolve("deploy/prometheus/rules"), ".yml")) {
			for (Object group : list(yaml(file).get("groups"))) {
				for (Object rule : list(map(group).get("rules"))) {
					expressions.append(map(rule).get("expr")).append('\n');
				}
			}
		}
		assertThat(expressions.toString()).contains("up{job=~\"stepwise-.*\"} == 0",
				"stepwise_events_dead_lettered_total");
	}

	@Test
	void grafanaIsProvisionedWithOneDatasourceUidThatEveryPanelUses() {
		List<Object> datasources = list(
				yaml(this.root.resolve("deploy/grafana/provisioning/datasources/prometheus.yml")).get("datasources"));
		assertThat(datasources).hasSize(1);
		Map<String, Object> datasource = map(datasources.get(0));
		assertThat(datasource).containsEntry("type", "prometheus")
			.containsEntry("url", "http://prometheus:9090")
			.containsEntry("isDefault", true);
		String uid = datasource.get("uid").toString();
		assertThat(uid).isEqualTo("stepwise-prometheus");
		Map<String, String> mounts = bindMounts("grafana");
		assertThat(mounts).containsEntry("./deploy/grafana/provisioning", "/etc/grafana/provisioning");
		Map<String, Object> provider = map(
				list(yaml(this.root.resolve("deploy/grafana/provisioning/dashboards/stepwise.yml")).get("providers"))
					.get(0));
		assertThat(provider).containsEntry("type", "file");
		assertThat(map(provider.get("options")).get("path")).as("the provider reads the mounted dashboards")
			.isEqualTo(mounts.get("./deploy/grafana/dashboards"));
		Set<String> dashboardUids = new HashSet<>();
		JsonMapper json = JsonMapper.builder().build();
		List<Path> dashboards = files(this.root.resolve("deploy/grafana/dashboards"), ".json");
		assertThat(dashboards).isNotEmpty();
		for (Path file : dashboards) {
			JsonNode dashboard = json.readTree(read(file));
			String dashboardUid = dashboard.path("uid").asString("");
			assertThat(dashboardUid).as(file + " has a fixed uid").isNotBlank();
			assertThat(dashboardUids.add(dashboardUid)).as("unique uid " + dashboardUid + " in " + file).isTrue();
			assertThat(dashboard.path("schemaVersion").asInt()).as(file + " schemaVersion").isGreaterThanOrEqualTo(39);
			List<JsonNode> panels = panels(dashboard);
			assertThat(panels).as(file + " panels").isNotEmpty();
			for (JsonNode panel : panels) {
				String where = file.getFileName() + " panel '" + panel.path("title").asString("") + "'";
				assertThat(panel.path("datasource").path("type").asString("")).as(where).isEqualTo("prometheus");
				assertThat(panel.path("datasource").path("uid").asString("")).as(where).isEqualTo(uid);
				assertThat(panel.path("targets").isArray() && !panel.path("targets").isEmpty())
					.as(where + " has targets")
					.isTrue();
				for (JsonNode target : panel.path("targets")) {
					assertThat(target.path("expr").asString("")).as(where + " expr").isNotBlank();
					if (target.has("datasource")) {
						assertThat(target.path("datasource").path("uid").asString("")).as(where + " target")
							.isEqualTo(uid);
					}
				}
			}
		}
	}

	@Test
	void grafanaLetsAnonymousUsersOnlyViewAndTakesTheAdminPasswordFromTheEnvironment() {
		Map<String, Object> environment = map(this.services.get("grafana").get("environment"));
		if ("true".equalsIgnoreCase(String.valueOf(environment.get("GF_AUTH_ANONYMOUS_ENABLED")))) {
			assertThat(environment).containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
		}
		assertThat(String.valueOf(environment.get("GF_SECURITY_ADMIN_PASSWORD")))
			.as("from an environment variable that must be set (no default)")
			.matches("\\$\\{[A-Z_]+:\\?[^}]+}");
	}

	/**
	 * Issue 21: a default password is everyone's password. Every secret compose reads
	 * from the environment must be set ({@code ${VAR:?message}}), is listed without a
	 * value in .env.example, and docs/operations.md says where to set it.
	 */
	@Test
	void noSecretHasADefault() {
		String compose = read(this.root.resolve("docker-compose.yml"));
		Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?])?([^}]*)}").matcher(compose);
		Set<String> secrets = new HashSet<>();
		while (variable.find()) {
			String name = variable.group(1);
			if (SECRET_NAME.matcher(name).find()) {
				assertThat(variable.group(2)).as(variable.group() + ": a secret must be set, never defaulted")
					.isEqualTo(":?");
				assertThat(variable.group(3)).as(variable.group() + ": says what to set").isNotBlank();
				secrets.add(name);
			}
		}
		assertThat(secrets).contains("MONGO_ROOT_PASSWORD", "STEPWISE_MONGODB_PASSWORD", "MONGO_REPLICA_SET_KEY",
				"KAFKA_ADMIN_PASSWORD", "STEPWISE_KAFKA_PASSWORD", "GRAFANA_ADMIN_PASSWORD");
		assertThat(compose).as("no literal of a password the project ever shipped")
			.doesNotContain("change-me", "ingest-secret", "password: demo");
		Map<String, String> example = new HashMap<>();
		read(this.root.resolve(".env.example")).lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.forEach(
					(line) -> example.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
		for (String secret : secrets) {
			assertThat(example).as(".env.example lists " + secret + " without a value").containsEntry(secret, "");
		}
		assertThat(read(this.root.resolve(".gitignore")).lines()).as(".env stays out of git").contains(".env");
		assertThat(read(this.root.resolve("docs/operations.md"))).contains(".env.example");
	}

	@Test
	void everyServiceThatTalksToKafkaOrMongoDbGetsCredentials() {
		String defaults = read(this.root.resolve("platform/src/main/resources/stepwise-defaults.yml"));
		SERVICE_PORTS.keySet().forEach((name) -> {
			Map<String, Object> environment = map(this.services.get(name).get("environment"));
			assertThat(environment).as(name)
				.containsEntry("STEPWISE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
				.containsEntry("STEPWISE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
				.containsEntry("STEPWISE_KAFKA_USERNAME", "stepwise");
			assertThat(String.valueOf(environment.get("STEPWISE_KAFKA_PASSWORD"))).as(name)
				.startsWith("${STEPWISE_KAFKA_PASSWORD:?");
			assertThat(String.valueOf(environment.get("STEPWISE_MONGODB_URI"))).as(name)
				.startsWith("mongodb://stepwise:${STEPWISE_MONGODB_PASSWORD:?")
				.contains("authSource=admin");
		});
		// the services read what compose sets (the binder and the outbox publisher alike)
		assertThat(defaults).contains("${STEPWISE_KAFKA_SECURITY_PROTOCOL:PLAINTEXT}",
				"${STEPWISE_KAFKA_SASL_MECHANISM:", "${STEPWISE_KAFKA_USERNAME:", "${STEPWISE_KAFKA_PASSWORD:",
				"\"[security.protocol]\": ${stepwise.kafka.security-protocol}",
				"\"[sasl.jaas.config]\": ${stepwise.kafka.sasl-jaas-config}");
		// the tools inside the network sign in too
		String init = String.valueOf(this.services.get("kafka-init").get("command"));
		assertThat(init).contains("security.protocol=SASL_PLAINTEXT", "--command-config");
		assertThat(init).doesNotContain("--bootstrap-server kafka:9092 --list");
		assertThat(String.valueOf(map(this.services.get("kafka").get("healthcheck")).get("test")))
			.contains("--command-config");
		// MongoDB: authentication on, the stepwise user for the databases the services
		// use
		Map<String, Object> mongo = this.services.get("mongo");
		Map<String, Object> mongoEnv = map(mongo.get("environment"));
		assertThat(String.valueOf(mongoEnv.get("MONGO_INITDB_ROOT_PASSWORD"))).startsWith("${MONGO_ROOT_PASSWORD:?");
		assertThat(String.valueOf(mongo.get("command"))).as("a replica set with authentication needs a key file")
			.contains("--keyFile")
			.contains("--replSet rs0");
		assertThat(String.valueOf(map(mongo.get("healthcheck")).get("test"))).contains("-u root");
		String mountedInit = bindMounts("mongo").entrySet()
			.stream()
			.filter((mount) -> mount.getValue().equals("/docker-entrypoint-initdb.d"))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
		String createUser = String.join("\n",
				files(this.root.resolve(mountedInit), ".js").stream().map(ComposeFileTest::read).toList());
		assertThat(createUser).contains("user: 'stepwise'", "process.env.STEPWISE_MONGODB_PASSWORD");
		SERVICE_PORTS.keySet().forEach((name) -> {
			Map<String, Object> spring = map(
					yaml(this.root.resolve(name + "/src/main/resources/application.yml")).get("spring"));
			String database = String.valueOf(map(spring.get("mongodb")).get("database"));
			assertThat(createUser).as(name + " may write its database").contains("'" + database + "'");
		});
	}

	@Test
	void kafkasInternalListenerTakesSaslScramWithUsersMadeAtFormatTime() {
		Map<String, Object> kafka = this.services.get("kafka");
		Map<String, Object> environment = map(kafka.get("environment"));
		String internal = String.valueOf(environment.get("KAFKA_INTER_BROKER_LISTENER_NAME"));
		Map<String, String> protocols = listeners(
				String.valueOf(environment.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).replace(":", "://"));
		assertThat(protocols).as("the listener the services and the broker itself use")
			.containsEntry(internal, "SASL_PLAINTEXT");
		assertThat(listeners(environment.get("KAFKA_ADVERTISED_LISTENERS"))).as("the services' listener")
			.containsEntry(internal, "kafka:9092");
		assertThat(environment).containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
			.containsEntry("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "SCRAM-SHA-512");
		assertThat(String
			.valueOf(environment.get("KAFKA_LISTENER_NAME_" + internal + "_SCRAM___SHA___512_SASL_JAAS_CONFIG")))
			.contains("ScramLoginModule required", "username=\"admin\"", "${KAFKA_ADMIN_PASSWORD:?");
		// the users exist before the broker first starts: kafka-format adds them to a
		// fresh volume
		assertThat(map(map(kafka.get("depends_on")).get("kafka-format"))).containsEntry("condition",
				"service_completed_successfully");
		Map<String, Object> format = this.services.get("kafka-format");
		String script = String.valueOf(format.get("command"));
		assertThat(script).contains("kafka-storage.sh format --ignore-formatted",
				"--add-scram \"SCRAM-SHA-512=[name=admin,", "--add-scram \"SCRAM-SHA-512=[name=stepwise,",
				"listener.security.protocol.map=" + environment.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"),
				"--cluster-id " + environment.get("CLUSTER_ID"), "log.dirs=" + environment.get("KAFKA_LOG_DIRS"));
		assertThat(list(format.get("volumes"))).as("formats the broker's volume")
			.containsExactlyElementsOf(list(kafka.get("volumes")));
	}

	@Test
	void theIdentityProviderHasDemoAccountsOnlyWhenTheEnvironmentSaysSo() {
		Map<String, Object> environment = map(this.services.get("identity-provider").get("environment"));
		assertThat(environment).containsEntry("STEPWISE_IDP_DEMO_ACCOUNTS", "${STEPWISE_IDP_DEMO_ACCOUNTS:-false}");
		String dataDir = String.valueOf(environment.get("STEPWISE_IDP_DATA_DIR"));
		assertThat(String.valueOf(environment.get("STEPWISE_IDP_USERS_FILE"))).startsWith(dataDir + "/");
		assertThat(list(this.services.get("identity-provider").get("volumes"))).as("keys and users survive a restart")
			.anySatisfy((volume) -> assertThat(volume.toString()).endsWith(":" + dataDir));
	}

	@Test
	void everyBindMountedFileIsInTheRepository() {
		this.services.forEach((name, service) -> {
			for (Object volume : list(service.getOrDefault("volumes", List.of()))) {
				String source = volume.toString().split(":")[0];
				if (source.startsWith("./")) {
					assertThat(this.root.resolve(source)).as(name + " mounts " + source).exists();
				}
			}
		});
	}

	private static void assertPinned(String where, String reference) {
		int at = reference.indexOf('@');
		boolean digest = at >= 0 && reference.substring(at + 1).matches("sha256:[0-9a-f]{64}");
		String name = (at >= 0) ? reference.substring(0, at) : reference;
		int colon = name.indexOf(':', name.lastIndexOf('/') + 1);
		String tag = (colon >= 0) ? name.substring(colon + 1) : "";
		assertThat(name).as(where + ": " + reference).matches("[a-z0-9][a-z0-9._/:-]*");
		if (!digest) {
			assertThat(tag).as(where + ": " + reference + " needs a tag with an exact version, or a digest")
				.isNotEqualTo("latest")
				.containsPattern(VERSION);
		}
	}

	/**
	 * Services that others wait for with service_completed_successfully: they run once.
	 */
	private Set<String> oneShotServices() {
		Set<String> oneShot = new HashSet<>();
		this.services.values().forEach((service) -> {
			if (service.get("depends_on") instanceof Map<?, ?> dependsOn) {
				dependsOn.forEach((dependency, condition) -> {
					if ("service_completed_successfully".equals(map(condition).get("condition"))) {
						oneShot.add(dependency.toString());
					}
				});
			}
		});
		return oneShot;
	}

	/**
	 * The container's memory limit in MiB: mem_limit or deploy.resources.limits.memory.
	 */
	private static long memoryLimitMib(Map<String, Object> service) {
		Object limit = service.get("mem_limit");
		if (limit == null && service.get("deploy") != null) {
			Map<String, Object> resources = map(map(service.get("deploy")).get("resources"));
			limit = (resources != null && resources.get("limits") != null) ? map(resources.get("limits")).get("memory")
					: null;
		}
		if (limit == null) {
			return 0;
		}
		Matcher size = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?")
			.matcher(limit.toString().toLowerCase(Locale.ROOT));
		assertThat(size.matches()).as("memory limit " + limit).isTrue();
		double value = Double.parseDouble(size.group(1));
		double mib = switch (size.group(2)) {
			case "g" -> value * 1024;
			case "m" -> value;
			case "k" -> value / 1024;
			default -> value / (1024 * 1024);
		};
		return (long) mib;
	}

	/** Listener name to host:port, from a Kafka listeners property. */
	private static Map<String, String> listeners(Object property) {
		Map<String, String> listeners = new LinkedHashMap<>();
		for (String listener : String.valueOf(property).split(",")) {
			String[] parts = listener.strip().split("://", 2);
			listeners.put(parts[0], parts[1]);
		}
		return listeners;
	}

	/** The repository path (./...) to container path of a service's bind mounts. */
	private Map<String, String> bindMounts(String service) {
		Map<String, String> mounts = new HashMap<>();
		for (Object volume : list(this.services.get(service).get("volumes"))) {
			String[] parts = volume.toString().split(":");
			if (parts[0].startsWith("./")) {
				mounts.put(parts[0], parts[1]);
			}
		}
		return mounts;
	}

	/** Every panel, including those inside rows. */
	private static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if ("row".equals(panel.path("type").asString(""))) {
				panel.path("panels").forEach(panels::add);
			}
			else {
				panels.add(panel);
			}
		}
		return panels;
	}

	private List<Path> dockerfiles() {
		return this.services.values()
			.stream()
			.filter((service) -> service.get("build") instanceof Map)
			.map((service) -> this.root.resolve(map(service.get("build")).get("dockerfile").toString()))
			.distinct()
			.toList();
	}

	/** A Dockerfile's instructions of one kind, comments left out. */
	private static List<String> instructions(Path dockerfile, String instruction) {
		return read(dockerfile).lines()
			.map(String::strip)
			.filter((line) -> line.toUpperCase(Locale.ROOT).startsWith(instruction + " "))
			.toList();
	}

	private Map<String, Map<String, Object>> services() {
		Map<String, Map<String, Object>> services = new LinkedHashMap<>();
		map(yaml(this.root.resolve("docker-compose.yml")).get("services"))
			.forEach((name, service) -> services.put(name, map(service)));
		return services;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object node) {
		return (List<Object>) node;
	}

	private static Map<String, Object> yaml(Path file) {
		return new Yaml().load(read(file));
	}

	private static List<Path> files(Path dir, String suffix) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> file.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("a folder above the working directory with docker-compose.yml").isNotNull();
		return dir;
	}

	/** One entry of a service's ports, short ("127.0.0.1:8081:8081") or long syntax. */
	record PublishedPort(String hostIp, Integer hostPort, int containerPort) {

		static PublishedPort parse(Object entry) {
			if (entry instanceof Map<?, ?> port) {
				Object published = port.get("published");
				return new PublishedPort((port.get("host_ip") != null) ? port.get("host_ip").toString() : null,
						(published != null) ? Integer.valueOf(published.toString()) : null,
						Integer.parseInt(port.get("target").toString()));
			}
			String[] parts = entry.toString().replaceFirst("/(tcp|udp)$", "").split(":");
			int containerPort = Integer.parseInt(parts[parts.length - 1]);
			return switch (parts.length) {
				case 1 -> new PublishedPort(null, null, containerPort);
				case 2 -> new PublishedPort(null, Integer.valueOf(parts[0]), containerPort);
				default -> new PublishedPort(String.join(":", Arrays.copyOf(parts, parts.length - 2)),
						Integer.valueOf(parts[parts.length - 2]), containerPort);
			};
		}

	}

}
