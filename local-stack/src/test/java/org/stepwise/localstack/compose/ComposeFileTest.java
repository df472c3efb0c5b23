package org.stepwise.localstack.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so the production-like stack is held to ARCHITECTURE.md by
 * reading it: pinned images, health checks, health-gated start order, memory limits, the
 * documented ports, non-root multi-stage images, Prometheus scraping every service,
 * Grafana provisioned consistently.
 */
class ComposeFileTest {

	static final Map<String, Integer> SERVICE_PORTS = Map.of("attendance-service", 8081, "assessment-service", 8082,
			"plan-service", 8083, "alert-service", 8084);

	static final Set<String> ONE_SHOT = Set.of("kafka-init");

	final Path root = repositoryRoot();

	final Map<String, Map<String, Object>> services = services();

	@Test
	void everyImageIsPinnedToAnExactVersion() {
		this.services.forEach((name, service) -> {
			Object image = service.get("image");
			if (image != null) {
				String reference = image.toString();
				assertThat(reference).as(name).matches("[\\w./-]+(:[\\w.-]+|@sha256:[0-9a-f]{64})");
				assertThat(reference).as(name).doesNotEndWith(":latest");
			}
			else {
				assertThat(service).as(name + " has neither image nor build").containsKey("build");
			}
		});
		for (Path dockerfile : dockerfiles()) {
			for (String line : lines(dockerfile)) {
				if (line.startsWith("FROM ")) {
					assertThat(line.split("\\s+")[1]).as(dockerfile + ": " + line).matches("[\\w./-]+:[\\w.-]+");
				}
			}
		}
	}

	@Test
	void everyLongRunningServiceHasAHealthCheckAndARestartPolicy() {
		this.services.forEach((name, service) -> {
			if (!ONE_SHOT.contains(name)) {
				assertThat(service).as(name).containsKey("healthcheck").containsKey("restart");
			}
		});
	}

	@Test
	void startOrderWaitsForHealthNotForTime() {
		this.services.forEach((name, service) -> {
			Object dependsOn = service.get("depends_on");
			if (dependsOn != null) {
				assertThat(dependsOn).as(name + " depends_on must use conditions").isInstanceOf(Map.class);
				((Map<?, ?>) dependsOn)
					.forEach((dependency, condition) -> assertThat(((Map<?, ?>) condition).get("condition"))
						.as(name + " -> " + dependency)
						.isIn("service_healthy", "service_completed_successfully"));
			}
		});
		SERVICE_PORTS.keySet()
			.forEach((name) -> assertThat(map(this.services.get(name).get("depends_on"))).as(name)
				.containsKeys("kafka", "mongo", "kafka-init"));
	}

	@Test
	void everyContainerHasAMemoryLimit() {
		this.services.forEach((name, service) -> assertThat(service).as(name).containsKey("mem_limit"));
	}

	@Test
	void theStepwiseServicesPublishTheDocumentedPortsAndCheckReadiness() {
		SERVICE_PORTS.forEach((name, port) -> {
			Map<String, Object> service = this.services.get(name);
			assertThat(service).as(name).isNotNull();
			assertThat(list(service.get("ports"))).as(name).containsExactly(port + ":" + port);
			assertThat(service.get("healthcheck").toString())
				.contains("localhost:" + port + "/actuator/health/readiness");
			Map<?, ?> environment = (Map<?, ?>) service.get("environment");
			assertThat(environment.get("STEPWISE_KAFKA_BROKERS")).isEqualTo("kafka:9092");
			assertThat(environment.get("STEPWISE_MONGODB_URI").toString()).startsWith("mongodb://mongo:27017/");
			Map<?, ?> build = (Map<?, ?>) service.get("build");
			assertThat(map(build.get("args"))).containsEntry("SERVICE", name)
				.containsEntry("PORT", Integer.toString(port));
			assertThat(this.root.resolve(build.get("dockerfile").toString())).exists();
		});
		String readme = read(this.root.resolve("README.md"));
		SERVICE_PORTS.forEach((name, port) -> assertThat(readme).contains("| " + name + " | " + port + " |"));
	}

	@Test
	void kafkaAdvertisesItsServiceNameToContainersAndLocalhostOnlyToTheHost() {
		Map<?, ?> environment = (Map<?, ?>) this.services.get("kafka").get("environment");
		String advertised = environment.get("KAFKA_ADVERTISED_LISTENERS").toString();
		assertThat(advertised).contains("INTERNAL://kafka:9092");
		assertThat(environment.get("KAFKA_INTER_BROKER_LISTENER_NAME")).isEqualTo("INTERNAL");
		assertThat(environment.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
	}

	@Test
	void imagesAreMultiStageAndRunAsANonRootUser() {
		assertThat(dockerfiles()).isNotEmpty();
		for (Path dockerfile : dockerfiles()) {
			List<String> lines = lines(dockerfile);
			assertThat(lines.stream().filter((line) -> line.startsWith("FROM "))).as(dockerfile.toString())
				.hasSizeGreaterThanOrEqualTo(2);
			List<String> users = lines.stream().filter((line) -> line.startsWith("USER ")).toList();
			assertThat(users).as(dockerfile.toString()).isNotEmpty();
			assertThat(users.getLast().split("\\s+")[1]).doesNotStartWith("root").doesNotStartWith("0");
		}
	}

	@Test
	void prometheusScrapesEveryServiceAtItsComposeNameAndPort() {
		Map<String, Object> config = yaml(this.root.resolve("deploy/prometheus/prometheus.yml"));
		Set<String> targets = new HashSet<>();
		for (Object job : (List<?>) config.get("scrape_configs")) {
			Map<?, ?> scrape = (Map<?, ?>) job;
			assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
			for (Object staticConfig : (List<?>) scrape.get("static_configs")) {
				((List<?>) ((Map<?, ?>) staticConfig).get("targets"))
					.forEach((target) -> targets.add(target.toString()));
			}
		}
		SERVICE_PORTS.forEach((name, port) -> assertThat(targets).contains(name + ":" + port));
		List<?> volumes = (List<?>) this.services.get("prometheus").get("volumes");
		assertThat(volumes.toString()).contains("./deploy/prometheus/prometheus.yml", "./deploy/prometheus/rules");
	}

	@Test
	void grafanaIsProvisionedWithOneDatasourceUidThatEveryPanelUses() {
		Map<String, Object> datasources = yaml(
				this.root.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
		String uid = ((Map<?, ?>) ((List<?>) datasources.get("datasources")).get(0)).get("uid").toString();
		Set<String> dashboardUids = new HashSet<>();
		JsonMapper json = JsonMapper.builder().build();
		List<Path> dashboards = list(this.root.resolve("deploy/grafana/dashboards"), ".json");
		assertThat(dashboards).isNotEmpty();
		for (Path file : dashboards) {
			JsonNode dashboard = json.readTree(read(file));
			assertThat(dashboardUids.add(dashboard.get("uid").asString())).as("unique uid in " + file).isTrue();
			for (JsonNode panel : dashboard.get("panels")) {
				String where = file.getFileName() + " panel " + panel.get("title").asString();
				assertThat(panel.get("datasource").get("uid").asString()).as(where).isEqualTo(uid);
				assertThat(panel.get("targets")).as(where).isNotEmpty();
				for (JsonNode target : panel.get("targets")) {
					assertThat(target.get("expr").asString()).as(where).isNotBlank();
				}
			}
		}
		Map<?, ?> environment = (Map<?, ?>) this.services.get("grafana").get("environment");
		if ("true".equals(String.valueOf(environment.get("GF_AUTH_ANONYMOUS_ENABLED")))) {
			assertThat(environment.get("GF_AUTH_ANONYMOUS_ORG_ROLE")).isEqualTo("Viewer");
		}
		assertThat(environment.get("GF_SECURITY_ADMIN_PASSWORD").toString()).startsWith("${");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object node) {
		return (List<Object>) node;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Map<String, Object>> services() {
		return (Map<String, Map<String, Object>>) yaml(this.root.resolve("docker-compose.yml")).get("services");
	}

	private List<Path> dockerfiles() {
		return this.services.values()
			.stream()
			.filter((service) -> service.get("build") instanceof Map)
			.map((service) -> this.root.resolve(((Map<?, ?>) service.get("build")).get("dockerfile").toString()))
			.distinct()
			.toList();
	}

	private static Map<String, Object> yaml(Path file) {
		return new Yaml().load(read(file));
	}

	private static List<String> lines(Path file) {
		return read(file).lines().map(String::strip).toList();
	}

	private static List<Path> list(Path dir, String suffix) {
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
		while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("a folder above the working directory with docker-compose.yml").isNotNull();
		return dir;
	}

}
