package org.stepwise.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of the local stack; every one has a default, so no option is
 * needed.
 *
 * @param dataDir where the broker and the store keep their files (and the services their
 * logs)
 * @param servicesDir where the services' executable jars are
 * @param idpPort the identity provider's port (it runs whenever the services do)
 * @param bindAddress the address the services and the identity provider listen on:
 * loopback unless {@code --bind} opens them (the broker and the store stay on loopback)
 * @param demoAccounts whether the identity provider has the demo accounts (password
 * "demo"): only when asked, with {@code --demo} or {@code --demo-accounts}
 */
record StackOptions(Path dataDir, Path servicesDir, int kafkaPort, int mongoPort, int partitions,
		List<ServiceSpec> services, int idpPort, String bindAddress, boolean demoAccounts) {

	static final int DEFAULT_IDP_PORT = 9000;

	static final String LOOPBACK = "127.0.0.1";

	StackOptions(Path dataDir, Path servicesDir, int kafkaPort, int mongoPort, int partitions,
			List<ServiceSpec> services, int idpPort) {
		this(dataDir, servicesDir, kafkaPort, mongoPort, partitions, services, idpPort, LOOPBACK, false);
	}

	StackOptions(Path dataDir, Path servicesDir, int kafkaPort, int mongoPort, int partitions,
			List<ServiceSpec> services) {
		this(dataDir, servicesDir, kafkaPort, mongoPort, partitions, services, DEFAULT_IDP_PORT);
	}

	/** Only the broker and the store, e.g. to run a service from an IDE against them. */
	StackOptions infraOnly() {
		return new StackOptions(this.dataDir, this.servicesDir, this.kafkaPort, this.mongoPort, this.partitions,
				List.of(), this.idpPort, this.bindAddress, this.demoAccounts);
	}

	/** The identity provider, as the stack runs it. */
	ServiceSpec identityProvider() {
		return new ServiceSpec("identity-provider", this.idpPort);
	}

	/**
	 * The address this machine reaches the services at: loopback when they listen on
	 * every interface (or on loopback), otherwise the one address they listen on.
	 */
	String reachableHost() {
		boolean everyInterface = this.bindAddress.equals("0.0.0.0") || this.bindAddress.equals("::");
		if (everyInterface || this.bindAddress.equals(LOOPBACK)) {
			return LOOPBACK;
		}
		return this.bindAddress.contains(":") ? "[" + this.bindAddress + "]" : this.bindAddress;
	}

	/** Whether {@code --bind} opened the services beyond this machine. */
	boolean boundBeyondLoopback() {
		return !this.bindAddress.equals(LOOPBACK);
	}

	/** Each instance is a JVM of about 250 MB, and their ports stay below 8181. */
	static final int MAX_INSTANCES = 9;

	static final String USAGE = """
			Usage: stepwise [--data-dir DIR] [--partitions N] [--kafka-port P] [--mongo-port P]
			                [--service-ports P1,P2,P3,P4] [--idp-port P] [--services-dir DIR] [--infra-only] [--demo]
			                [--demo-accounts] [--bind ADDR] [--no-startup-cache] [--instances N]
			--instances N runs N instances of each service (at most 9): instance k (0 for the first) on the first's
			port + 10k, so the second instances are on 8091-8094, the third on 8101-8104. The instances of a service
			share its consumer groups (Kafka splits the partitions between them; --partitions should be at least N)
			and its database; each has its own log, <data-dir>/logs/<service>-<k+1>.log, and is restarted on its own.
			--bind ADDR makes the services and the identity provider listen on ADDR (e.g. 0.0.0.0, every interface)
			instead of 127.0.0.1 only; Kafka and MongoDB always stay on 127.0.0.1.
			--demo-accounts gives the identity provider the demo accounts (README, every password "demo"): for trying
			Stepwise only. Without it the provider reads its users from <data-dir>/identity/users.yml.
			--infra-only starts just the broker and the store (to run a service from an IDE against them).
			--demo plays a synthetic cohort of 12 patients into program-a once the stack is up (plan-service then
			evaluates on event time, as STEPWISE_CLINICAL_TIME=events ./stepwise does); it implies --demo-accounts.
			--no-startup-cache starts the services without the JDK's AOT caches (kept in local-stack/target/startup-cache,
			recorded in the background after a start without them, used from the next start on).
			Defaults: --data-dir .stepwise/data, 3 partitions, Kafka 9092, MongoDB 27017, services 8081-8084,
			one instance of each, identity provider 9000, --bind 127.0.0.1.""";

	static final String NO_STARTUP_CACHE = "--no-startup-cache";

	static final String DEMO_ACCOUNTS = "--demo-accounts";

	/**
	 * Whether the services start from {@link StartupCache start-up caches} (default:
	 * yes).
	 */
	static boolean startupCacheWanted(String... args) {
		return !java.util.Arrays.asList(args).contains(NO_STARTUP_CACHE);
	}

	static StackOptions defaults() {
		return new StackOptions(Path.of(".stepwise", "data"), Path.of("local-stack", "target", "services"), 9092, 27017,
				3, ServiceSpec.DEFAULTS);
	}

	static StackOptions parse(String... args) {
		StackOptions options = defaults();
		boolean infraOnly = false;
		int instances = 1;
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (name.equals("--help") || name.equals("-h")) {
				throw new StackException(USAGE);
			}
			if (name.equals("--infra-only")) {
				infraOnly = true;
				continue;
			}
			if (name.equals(NO_STARTUP_CACHE)) {
				continue;
			}
			if (name.equals(DEMO_ACCOUNTS)) {
				options = options.withDemoAccounts(true);
				continue;
			}
			if (i + 1 >= args.length) {
				throw new StackException("Option " + name + " needs a value.\n" + USAGE);
			}
			String value = args[++i];
			options = switch (name) {
				case "--data-dir" -> options.withDataDir(Path.of(value));
				case "--services-dir" -> new StackOptions(options.dataDir, Path.of(value), options.kafkaPort,
						options.mongoPort, options.partitions, options.services, options.idpPort, options.bindAddress,
						options.demoAccounts);
				case "--kafka-port" -> new StackOptions(options.dataDir, options.servicesDir, port(name, value),
						options.mongoPort, options.partitions, options.services, options.idpPort, options.bindAddress,
						options.demoAccounts);
				case "--mongo-port" -> new StackOptions(options.dataDir, options.servicesDir, options.kafkaPort,
						port(name, value), options.partitions, options.services, options.idpPort, options.bindAddress,
						options.demoAccounts);
				case "--partitions" -> new StackOptions(options.dataDir, options.servicesDir, options.kafkaPort,
						options.mongoPort, positive(name, value), options.services, options.idpPort,
						options.bindAddress, options.demoAccounts);
				case "--idp-port" -> new StackOptions(options.dataDir, options.servicesDir, options.kafkaPort,
						options.mongoPort, options.partitions, options.services, port(name, value), options.bindAddress,
						options.demoAccounts);
				case "--bind" -> new StackOptions(options.dataDir, options.servicesDir, options.kafkaPort,
						options.mongoPort, options.partitions, options.services, options.idpPort, address(value),
						options.demoAccounts);
				case "--service-ports" -> options.withServicePorts(value);
				case "--instances" -> {
					instances = positive(name, value);
					yield options;
				}
				default -> throw new StackException("Unknown option " + name + ".\n" + USAGE);
			};
		}
		// after the loop: --service-ports may come after --instances
		return infraOnly ? options.infraOnly() : options.withInstances(instances);
	}

	/**
	 * The stack with {@code instances} of each service (see
	 * {@link ServiceSpec#scaledOut}).
	 */
	StackOptions withInstances(int instances) {
		if (instances > MAX_INSTANCES) {
			throw new StackException("--instances must be at most " + MAX_INSTANCES + ", not " + instances);
		}
		List<ServiceSpec> first = this.services.stream().filter((service) -> service.instance() == 0).toList();
		List<ServiceSpec> all = ServiceSpec.scaledOut(first, instances);
		java.util.Set<Integer> taken = new java.util.HashSet<>(List.of(this.idpPort, this.kafkaPort, this.mongoPort));
		for (ServiceSpec service : all) {
			if (service.port() > 65535 || !taken.add(service.port())) {
				throw new StackException("--instances " + instances + " puts " + service.instanceName() + " on port "
						+ service.port() + ", which is " + ((service.port() > 65535) ? "no port" : "taken")
						+ ": choose other --service-ports (instance k listens on the first's port + 10k)");
			}
		}
		return new StackOptions(this.dataDir, this.servicesDir, this.kafkaPort, this.mongoPort, this.partitions, all,
				this.idpPort, this.bindAddress, this.demoAccounts);
	}

	/** How many instances of each service run (1 unless {@code --instances}). */
	int instances() {
		return this.services.stream().mapToInt(ServiceSpec::instance).max().orElse(0) + 1;
	}

	StackOptions withDataDir(Path dataDir) {
		return new StackOptions(dataDir, this.servicesDir, this.kafkaPort, this.mongoPort, this.partitions,
				this.services, this.idpPort, this.bindAddress, this.demoAccounts);
	}

	StackOptions withDemoAccounts(boolean demoAccounts) {
		return new StackOptions(this.dataDir, this.servicesDir, this.kafkaPort, this.mongoPort, this.partitions,
				this.services, this.idpPort, this.bindAddress, demoAccounts);
	}

	private StackOptions withServicePorts(String value) {
		String[] ports = value.split(",");
		if (ports.length != ServiceSpec.DEFAULTS.size()) {
			throw new StackException(
					"--service-ports needs " + ServiceSpec.DEFAULTS.size() + " ports, e.g. " + "8081,8082,8083,8084");
		}
		List<ServiceSpec> services = new ArrayList<>();
		for (int i = 0; i < ports.length; i++) {
			services.add(ServiceSpec.DEFAULTS.get(i).withPort(port("--service-ports", ports[i].trim())));
		}
		return new StackOptions(this.dataDir, this.servicesDir, this.kafkaPort, this.mongoPort, this.partitions,
				List.copyOf(services), this.idpPort, this.bindAddress, this.demoAccounts);
	}

	/**
	 * An IP address literal (no host name: a name would be looked up, and could mean
	 * several addresses).
	 */
	private static String address(String value) {
		String bare = (value.startsWith("[") && value.endsWith("]")) ? value.substring(1, value.length() - 1) : value;
		boolean ipv4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}")
				&& java.util.Arrays.stream(bare.split("\\.")).allMatch((part) -> Integer.parseInt(part) <= 255);
		boolean ipv6 = bare.contains(":") && bare.matches("[0-9a-fA-F:.]+");
		if (!ipv4 && !ipv6) {
			throw new StackException(
					"--bind needs an IP address of this machine (e.g. 0.0.0.0 for every interface), not " + value);
		}
		return bare;
	}

	private static int port(String option, String value) {
		int port = positive(option, value);
		if (port > 65535) {
			throw new StackException(option + " must be a port number, not " + value);
		}
		return port;
	}

	private static int positive(String option, String value) {
		try {
			int number = Integer.parseInt(value);
			if (number < 1) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new StackException(option + " must be a positive number, not " + value);
		}
	}

}
