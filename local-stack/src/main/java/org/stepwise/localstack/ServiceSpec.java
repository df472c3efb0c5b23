package org.stepwise.localstack;

import java.util.ArrayList;
import java.util.List;

/**
 * A Stepwise service the local stack runs: its name (also the jar's name), HTTP port and
 * which instance of the service it is (0 for the first; {@code --instances} adds more).
 */
record ServiceSpec(String name, int port, int instance) {

	static final List<ServiceSpec> DEFAULTS = List.of(new ServiceSpec("attendance-service", 8081),
			new ServiceSpec("assessment-service", 8082), new ServiceSpec("plan-service", 8083),
			new ServiceSpec("alert-service", 8084));

	/**
	 * Instance k listens on the first instance's port + 10 k (8091-8094 for the second):
	 * consecutive ports would clash, 8081 + 1 being assessment-service's.
	 */
	static final int INSTANCE_PORT_STEP = 10;

	/** The first instance of a service. */
	ServiceSpec(String name, int port) {
		this(name, port, 0);
	}

	ServiceSpec withPort(int port) {
		return new ServiceSpec(this.name, port, this.instance);
	}

	/**
	 * The instance's name in the banner, the log file and the launcher's messages: the
	 * service's name for the first, {@code plan-service-2} for the second.
	 */
	String instanceName() {
		return (this.instance == 0) ? this.name : this.name + "-" + (this.instance + 1);
	}

	/**
	 * {@code instances} of each service, instance k on the first's port +
	 * {@value #INSTANCE_PORT_STEP} k; the first instances of all services start first.
	 */
	static List<ServiceSpec> scaledOut(List<ServiceSpec> first, int instances) {
		List<ServiceSpec> all = new ArrayList<>();
		for (int k = 0; k < instances; k++) {
			for (ServiceSpec service : first) {
				all.add(new ServiceSpec(service.name, service.port + INSTANCE_PORT_STEP * k, k));
			}
		}
		return List.copyOf(all);
	}

}
