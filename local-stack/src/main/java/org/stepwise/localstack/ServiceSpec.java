package org.stepwise.localstack;

import java.util.List;

/**
 * A Stepwise service the local stack runs: its name (also the jar's name) and HTTP port.
 */
record ServiceSpec(String name, int port) {

	static final List<ServiceSpec> DEFAULTS = List.of(new ServiceSpec("attendance-service", 8081),
			new ServiceSpec("assessment-service", 8082), new ServiceSpec("plan-service", 8083),
			new ServiceSpec("alert-service", 8084));

	ServiceSpec withPort(int port) {
		return new ServiceSpec(this.name, port);
	}

}
