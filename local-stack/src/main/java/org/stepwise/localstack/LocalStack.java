package org.stepwise.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.stepwise.infra.KraftBroker;
import org.stepwise.infra.MongoWireServer;
import org.stepwise.infra.TopicProvisioner;

/**
 * The whole of Stepwise on one machine without Docker: a real KRaft broker and a durable
 * MongoDB wire-protocol server in this JVM, the identity provider and the four services
 * each in a child JVM. Stops everything cleanly on Ctrl-C; a restart on the same data
 * directory keeps all data.
 */
public final class LocalStack implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	/** Each further instance of the four services: four more JVMs sharing the cores. */
	private static final Duration READY_TIMEOUT_PER_INSTANCE = Duration.ofSeconds(120);

	private final StackOptions options;

	/** Replaced one by one as the supervisor restarts them. */
	private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();

	private final Map<String, RestartBackoff> backoffs = new ConcurrentHashMap<>();

	private volatile boolean closing;

	private Thread supervisor;

	private MongoWireServer mongo;

	private KraftBroker broker;

	private Duration startup;

	/** Extra environment of the services, e.g. the demo's event time. */
	private final Map<String, String> serviceEnv;

	/** Null in tests: each of their stacks starts once, a cache would not pay off. */
	private final StartupCache startupCache;

	public LocalStack(StackOptions options) {
		this(options, Map.of());
	}

	LocalStack(StackOptions options, Map<String, String> serviceEnv) {
		this(options, serviceEnv, null);
	}

	private LocalStack(StackOptions options, Map<String, String> serviceEnv, StartupCache startupCache) {
		this.options = options;
		this.serviceEnv = Map.copyOf(serviceEnv);
		this.startupCache = startupCache;
	}

	public static void main(String[] args) {
		LocalStack stack;
		boolean demo = DemoCohort.requested(args);
		try {
			StackOptions options = DemoCohort.stackOptions(args);
			stack = new LocalStack(options, demo ? DemoCohort.SERVICE_ENV : Map.of(),
					StackOptions.startupCacheWanted(args)
							? StartupCache.in(options.servicesDir().resolveSibling("startup-cache")) : null);
			if (demo) {
				DemoCohort.arguments(stack.options);
			}
		}
		catch (StackException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			// Ctrl-C reaches the services too: none of their exits is a crash to restart
			stack.closing = true;
			System.out.println("Stopping Stepwise...");
			stack.close();
			stopped.countDown();
		}, "stepwise-shutdown"));
		try {
			stack.start();
			System.out.println(stack.summary());
			System.out.println("Press Ctrl-C to stop.");
			if (demo) {
				DemoCohort.playInBackground(stack.options);
			}
			stopped.await();
		}
		catch (StackException ex) {
			System.err.println("stepwise: " + ex.getMessage());
			System.exit(1);
		}
		catch (Exception ex) {
			System.err.println("stepwise: could not start: " + ex);
			System.exit(1);
		}
	}

	/**
	 * Starts the infrastructure and the services and waits until every service is ready.
	 */
	public void start() throws IOException, InterruptedException {
		long started = System.nanoTime();
		InetAddress loopback = InetAddress.getLoopbackAddress();
		InetAddress bind = InetAddress.getByName(this.options.bindAddress());
		requireFree(loopback, this.options.kafkaPort(), "Kafka", "--kafka-port");
		requireFree(loopback, this.options.mongoPort(), "MongoDB", "--mongo-port");
		for (ServiceSpec service : this.options.services()) {
			requireFree(bind, service.port(), service.instanceName(),
					(service.instance() == 0) ? "--service-ports" : "--service-ports or --instances");
		}
		List<ServiceSpec> children = new ArrayList<>();
		if (!this.options.services().isEmpty()) {
			// secure by default: the services only accept tokens of this provider
			requireFree(bind, this.options.idpPort(), "identity-provider", "--idp-port");
			children.add(this.options.identityProvider());
			children.addAll(this.options.services());
		}
		Map<String, Path> jars = children.isEmpty() ? Map.of() : findJars(children);
		Path data = this.options.dataDir().toAbsolutePath();
		Files.createDirectories(data);
		this.mongo = MongoWireServer.durable(data.resolve("mongo").resolve("stepwise.mv"), this.options.mongoPort());
		progress("store", started);
		this.broker = KraftBroker.start(data.resolve("kafka"), this.options.kafkaPort());
		TopicProvisioner.createAll(this.broker.bootstrapServers(), this.options.partitions());
		progress("broker", started);
		String issuer = issuerUri();
		String host = this.options.reachableHost();
		Map<String, String> env = new java.util.HashMap<>(this.serviceEnv);
		env.putAll(Map.of("STEPWISE_KAFKA_BROKERS", this.broker.bootstrapServers(), "STEPWISE_MONGODB_URI",
				this.mongo.connectionString(), "STEPWISE_ISSUER_URI", issuer, "STEPWISE_JWK_SET_URI",
				issuer + "/oauth2/jwks", "SERVER_ADDRESS", this.options.bindAddress()));
		// alert-service's console reads plans through plan-service and what the
		// instruments ask through assessment-service, on whatever ports they have here;
		// it signs in at the identity provider, which sends the browser back only to a
		// registered console address: alert-service's port here, not always 8084, and
		// with --instances every alert-service instance's (each serves the console)
		List<String> consoles = new ArrayList<>();
		for (ServiceSpec service : children) {
			switch (service.name()) {
				case "plan-service" ->
					env.putIfAbsent("STEPWISE_PLAN_SERVICE_URL", "http://" + host + ":" + service.port());
				case "assessment-service" ->
					env.putIfAbsent("STEPWISE_ASSESSMENT_SERVICE_URL", "http://" + host + ":" + service.port());
				case "alert-service" -> consoles.add(consoleRedirectUris(host, service.port()));
				default -> {
				}
			}
		}
		if (!consoles.isEmpty()) {
			env.put("STEPWISE_IDP_CONSOLEREDIRECTURIS", String.join(",", consoles));
		}
		for (ServiceSpec service : children) {
			Path jar = jars.get(service.name());
			List<String> launch = (this.startupCache != null) ? this.startupCache.launch(service.name(), jar)
					: List.of("-jar", jar.toString());
			Map<String, String> childEnv = service.name().equals("identity-provider") ? identityProviderEnv(env, data)
					: env;
			this.services.add(ServiceProcess.start(service, host, launch, data.resolve("logs"), childEnv));
		}
		awaitReady(started);
		this.startup = Duration.ofNanos(System.nanoTime() - started);
		this.supervisor = Thread.ofPlatform().name("stepwise-supervisor").daemon().start(this::supervise);
		if (this.startupCache != null) {
			this.startupCache.trainInBackground(jars, env, () -> !this.closing);
		}
	}

	/**
	 * Restarts a service that exited while the stack runs (a crash, a kill, an out of
	 * memory exit), after a {@link RestartBackoff back-off}, and says so. Never during
	 * shutdown.
	 */
	private void supervise() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		Map<String, Long> restartAt = new HashMap<>();
		Map<String, ServiceProcess> awaitingReady = new HashMap<>();
		while (!this.closing) {
			for (ServiceProcess service : this.services) {
				// per instance: each has its own back-off and restart
				String name = service.spec().instanceName();
				if (service.alive()) {
					if (awaitingReady.get(name) == service && service.ready(http)) {
						awaitingReady.remove(name);
						System.out.println("stepwise: " + name + " is ready again");
					}
					continue;
				}
				if (!restartAt.containsKey(name)) {
					Duration delay = this.backoffs.computeIfAbsent(name, (key) -> new RestartBackoff())
						.next(service.uptime());
					restartAt.put(name, System.nanoTime() + delay.toNanos());
					System.out.printf("stepwise: %s exited with code %d; restarting in %d s (log: %s)%n", name,
							service.exitCode(), delay.toSeconds(), service.log());
				}
				else if (System.nanoTime() >= restartAt.get(name)) {
					restartAt.remove(name);
					ServiceProcess restarted = restart(service);
					if (restarted != null) {
						awaitingReady.put(name, restarted);
					}
				}
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Under the stack's lock, so a restart never races {@link #close()}. */
	private synchronized ServiceProcess restart(ServiceProcess crashed) {
		if (this.closing) {
			return null;
		}
		try {
			ServiceProcess restarted = crashed.restart();
			this.services.set(this.services.indexOf(crashed), restarted);
			return restarted;
		}
		catch (IOException ex) {
			// stays in the list, ended: the next round backs off and tries again
			System.out.println("stepwise: could not restart " + crashed.spec().instanceName() + ": " + ex.getMessage());
			return null;
		}
	}

	/**
	 * The provider keeps its signing keys and reads its users in the data directory; the
	 * demo accounts only when asked for.
	 */
	private Map<String, String> identityProviderEnv(Map<String, String> env, Path data) throws IOException {
		Path identity = Files.createDirectories(data.resolve("identity"));
		Map<String, String> idp = new HashMap<>(env);
		idp.put("STEPWISE_IDP_DATA_DIR", identity.toString());
		// an operator writes the users file; until then the provider starts with the demo
		// accounts (when asked for) or with nobody, and says so, rather than not at all
		if (Files.isRegularFile(usersFile())) {
			idp.put("STEPWISE_IDP_USERS_FILE", usersFile().toString());
		}
		idp.put("STEPWISE_IDP_DEMO_ACCOUNTS", Boolean.toString(this.options.demoAccounts()));
		return idp;
	}

	/** Where the identity provider reads its users (hashed passwords). */
	Path usersFile() {
		return this.options.dataDir().toAbsolutePath().resolve("identity").resolve("users.yml");
	}

	/** One line as each part of the stack becomes ready, so a start is never silent. */
	private static void progress(String what, long started) {
		System.out.printf("  %s ready (%d s)%n", what, Duration.ofNanos(System.nanoTime() - started).toSeconds());
	}

	private void awaitReady(long started) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		Duration timeout = READY_TIMEOUT
			.plus(READY_TIMEOUT_PER_INSTANCE.multipliedBy(Math.max(0, this.options.instances() - 1)));
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ServiceProcess> waiting = new ArrayList<>(this.services);
		while (!waiting.isEmpty()) {
			for (ServiceProcess service : List.copyOf(waiting)) {
				if (!service.alive()) {
					throw new StackException(
							service.spec().instanceName() + " exited during start; see " + service.log());
				}
				if (service.ready(http)) {
					waiting.remove(service);
					String name = service.spec().instanceName();
					progress(name.equals("identity-provider") ? "identity provider" : name, started);
				}
			}
			if (System.nanoTime() > deadline) {
				throw new StackException("not ready after " + timeout.toSeconds() + " s: "
						+ waiting.stream().map((s) -> s.spec().instanceName() + " (" + s.log() + ")").toList());
			}
			Thread.sleep(250);
		}
	}

	/** The identity provider's issuer: also the base of its token endpoint. */
	public String issuerUri() {
		return "http://" + this.options.reachableHost() + ":" + this.options.idpPort();
	}

	/**
	 * Where the identity provider may send the console's browser back after sign-in
	 * (Spring binds the comma-separated list): on loopback both of its names.
	 */
	static String consoleRedirectUris(String host, int consolePort) {
		String redirect = "http://" + host + ":" + consolePort + "/login/oauth2/code/stepwise";
		return host.equals(StackOptions.LOOPBACK)
				? redirect + ",http://localhost:" + consolePort + "/login/oauth2/code/stepwise" : redirect;
	}

	private Map<String, Path> findJars(List<ServiceSpec> children) throws IOException {
		Path dir = this.options.servicesDir();
		Map<String, Path> jars = new HashMap<>();
		for (ServiceSpec service : children) {
			try (Stream<Path> files = Files.list(dir)) {
				Path jar = files
					.filter((file) -> file.getFileName().toString().startsWith(service.name() + "-")
							&& file.getFileName().toString().endsWith("-exec.jar"))
					.findFirst()
					.orElseThrow(() -> new StackException("no executable jar of " + service.name() + " in " + dir
							+ ": build first with ./mvnw -DskipTests package"));
				jars.put(service.name(), jar);
			}
			catch (NoSuchFileException ex) {
				throw new StackException(dir + " does not exist: build first with ./mvnw -DskipTests package");
			}
		}
		return jars;
	}

	private static void requireFree(InetAddress address, int port, String what, String option) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(address, port));
		}
		catch (IOException ex) {
			throw new StackException("port " + port + " (" + what + ") is already in use: stop what uses it, "
					+ "or choose another with " + option);
		}
	}

	public String summary() {
		StringBuilder table = new StringBuilder();
		table.append(String.format("%nStepwise is up (%d s).%n%n", this.startup.toSeconds()));
		table.append(String.format("  %-20s %-32s %s%n", "service", "API", "OpenAPI UI"));
		for (ServiceProcess service : this.services) {
			if (service.spec().name().equals("identity-provider")) {
				continue;
			}
			table.append(String.format("  %-20s %-32s %s%n", service.spec().instanceName(), service.baseUrl(),
					service.baseUrl() + "/swagger-ui.html"));
		}
		if (this.options.instances() > 1) {
			table.append(String.format(
					"%n  %-20s %d of each service, sharing its consumer groups and database "
							+ "(%d partitions per topic)%n",
					"Instances", this.options.instances(), this.options.partitions()));
		}
		if (!this.services.isEmpty()) {
			table.append(String.format("%n  %-20s %s (tokens: POST %s/oauth2/token)%n", "Identity provider",
					issuerUri(), issuerUri()));
			table.append(String.format("  %-20s %s%n", "Accounts",
					this.options.demoAccounts() ? "demo accounts (password demo) are enabled: for trying Stepwise only"
							: Files.isRegularFile(usersFile()) ? "users from " + usersFile() + " (README, Accounts)"
									: "none yet: write " + usersFile() + " (README, Accounts) or use --demo-accounts"));
			table.append(String.format("  %-20s %s%n", "Listening on",
					this.options.boundBeyondLoopback()
							? this.options.bindAddress() + " (--bind): reachable from other machines"
							: "127.0.0.1 only (--bind ADDR opens the services to other machines)"));
		}
		table.append(String.format("%n  %-20s %s%n", "Kafka", this.broker.bootstrapServers()));
		table.append(String.format("  %-20s %s%n", "MongoDB", this.mongo.connectionString()));
		table.append(String.format("  %-20s %s%n", "Data and logs", this.options.dataDir().toAbsolutePath()));
		return table.toString();
	}

	/**
	 * Stops the broker and starts it again on its data and port, the services running on
	 * (the chaos test's broker fault: their clients reconnect, their outboxes hold what
	 * was written meanwhile).
	 * @return how long the broker was away
	 */
	synchronized Duration restartBroker() {
		long stopped = System.nanoTime();
		this.broker.close();
		this.broker = KraftBroker.start(this.options.dataDir().toAbsolutePath().resolve("kafka"),
				this.options.kafkaPort());
		return Duration.ofNanos(System.nanoTime() - stopped);
	}

	List<ServiceProcess> services() {
		return List.copyOf(this.services);
	}

	public Duration startup() {
		return this.startup;
	}

	/** Services first (they flush their work), then the broker, then the store. */
	@Override
	public synchronized void close() {
		this.closing = true;
		if (this.supervisor != null) {
			this.supervisor.interrupt();
		}
		this.services.forEach(ServiceProcess::requestStop);
		this.services.forEach((service) -> service.awaitStop(Duration.ofSeconds(30)));
		this.services.clear();
		if (this.broker != null) {
			this.broker.close();
			this.broker = null;
		}
		if (this.mongo != null) {
			this.mongo.close();
			this.mongo = null;
		}
	}

}
