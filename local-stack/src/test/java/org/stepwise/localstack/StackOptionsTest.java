package org.stepwise.localstack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackOptionsTest {

	@Test
	void noOptionsMeansTheDocumentedDefaults() {
		StackOptions options = StackOptions.parse();
		assertThat(options.dataDir()).isEqualTo(Path.of(".stepwise", "data"));
		assertThat(options.kafkaPort()).isEqualTo(9092);
		assertThat(options.mongoPort()).isEqualTo(27017);
		assertThat(options.partitions()).isEqualTo(3);
		assertThat(options.services()).extracting(ServiceSpec::port).containsExactly(8081, 8082, 8083, 8084);
		assertThat(options.bindAddress()).as("secure default: this machine only").isEqualTo("127.0.0.1");
		assertThat(options.boundBeyondLoopback()).isFalse();
		assertThat(options.demoAccounts()).as("no demo accounts unless asked for").isFalse();
	}

	@Test
	void bindOpensTheServicesOnTheGivenAddress() {
		StackOptions everywhere = StackOptions.parse("--bind", "0.0.0.0");
		assertThat(everywhere.bindAddress()).isEqualTo("0.0.0.0");
		assertThat(everywhere.boundBeyondLoopback()).isTrue();
		assertThat(everywhere.reachableHost()).as("this machine still reaches them on loopback").isEqualTo("127.0.0.1");
		StackOptions oneInterface = StackOptions.parse("--bind", "192.0.2.7", "--kafka-port", "19092");
		assertThat(oneInterface.reachableHost()).as("only there").isEqualTo("192.0.2.7");
		assertThat(oneInterface.kafkaPort()).isEqualTo(19092);
		assertThat(StackOptions.parse("--bind", "[::]").reachableHost()).isEqualTo("127.0.0.1");
		assertThat(StackOptions.parse("--bind", "fd00::2").reachableHost()).isEqualTo("[fd00::2]");
		assertThat(StackOptions.parse("--bind", "10.0.0.1", "--infra-only").bindAddress()).isEqualTo("10.0.0.1");
	}

	@Test
	void demoAccountsOnlyWhenAskedFor() {
		assertThat(StackOptions.parse("--demo-accounts").demoAccounts()).isTrue();
		assertThat(StackOptions.parse("--idp-port", "19000", "--demo-accounts", "--bind", "0.0.0.0"))
			.satisfies((options) -> {
				assertThat(options.demoAccounts()).isTrue();
				assertThat(options.idpPort()).isEqualTo(19000);
				assertThat(options.bindAddress()).isEqualTo("0.0.0.0");
			});
		assertThat(StackOptions.parse("--idp-port", "19000").demoAccounts()).isFalse();
	}

	@Test
	void optionsOverrideDefaults() {
		StackOptions options = StackOptions.parse("--data-dir", "/tmp/x", "--partitions", "6", "--kafka-port", "19092",
				"--service-ports", "9181,9182,9183,9184");
		assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
		assertThat(options.partitions()).isEqualTo(6);
		assertThat(options.kafkaPort()).isEqualTo(19092);
		assertThat(options.services()).extracting(ServiceSpec::name)
			.containsExactly("attendance-service", "assessment-service", "plan-service", "alert-service");
		assertThat(options.services()).extracting(ServiceSpec::port).containsExactly(9181, 9182, 9183, 9184);
	}

	@Test
	void instancesRunEachServiceAgainTenPortsFurtherPerInstance() {
		StackOptions two = StackOptions.parse("--instances", "2");
		assertThat(two.instances()).isEqualTo(2);
		assertThat(two.services()).extracting(ServiceSpec::instanceName)
			.containsExactly("attendance-service", "assessment-service", "plan-service", "alert-service",
					"attendance-service-2", "assessment-service-2", "plan-service-2", "alert-service-2");
		assertThat(two.services()).extracting(ServiceSpec::port)
			.containsExactly(8081, 8082, 8083, 8084, 8091, 8092, 8093, 8094);
		assertThat(two.services()).extracting(ServiceSpec::name)
			.containsExactly("attendance-service", "assessment-service", "plan-service", "alert-service",
					"attendance-service", "assessment-service", "plan-service", "alert-service");
		// in either order with the first instances' ports
		StackOptions three = StackOptions.parse("--instances", "3", "--service-ports", "9181,9182,9183,9184");
		assertThat(three.services()).extracting(ServiceSpec::port)
			.containsExactly(9181, 9182, 9183, 9184, 9191, 9192, 9193, 9194, 9201, 9202, 9203, 9204);
		assertThat(StackOptions.parse("--service-ports", "9181,9182,9183,9184", "--instances", "3").services())
			.isEqualTo(three.services());
		assertThat(StackOptions.parse("--instances", "1")).isEqualTo(StackOptions.parse());
		assertThat(StackOptions.parse().instances()).isEqualTo(1);
		assertThat(StackOptions.parse("--instances", "2", "--infra-only").services()).isEmpty();
	}

	@Test
	void instancesThatWouldShareAPortAreRefused() {
		assertThatThrownBy(() -> StackOptions.parse("--instances", "0"))
			.hasMessage("--instances must be a positive number, not 0");
		assertThatThrownBy(() -> StackOptions.parse("--instances", "10"))
			.hasMessage("--instances must be at most 9, not 10");
		assertThatThrownBy(() -> StackOptions.parse("--instances", "2", "--service-ports", "8081,8091,8083,8084"))
			.hasMessageStartingWith("--instances 2 puts attendance-service-2 on port 8091, which is taken");
		assertThatThrownBy(() -> StackOptions.parse("--instances", "2", "--idp-port", "8093"))
			.hasMessageStartingWith("--instances 2 puts plan-service-2 on port 8093, which is taken");
		assertThatThrownBy(() -> StackOptions.parse("--instances", "3", "--service-ports", "65521,2,3,4"))
			.hasMessageStartingWith("--instances 3 puts attendance-service-3 on port 65541, which is no port");
	}

	@Test
	void infraOnlyRunsNoService() {
		assertThat(StackOptions.parse("--infra-only", "--service-ports", "1,2,3,4").services()).isEmpty();
		assertThat(StackOptions.parse("--kafka-port", "19092", "--infra-only").kafkaPort()).isEqualTo(19092);
	}

	@Test
	void badOptionsGiveAOneLineReason() {
		assertThatThrownBy(() -> StackOptions.parse("--partitions", "zero")).isInstanceOf(StackException.class)
			.hasMessage("--partitions must be a positive number, not zero");
		assertThatThrownBy(() -> StackOptions.parse("--kafka-port", "70000")).hasMessageContaining("port number");
		assertThatThrownBy(() -> StackOptions.parse("--service-ports", "1,2")).hasMessageContaining("needs 4 ports");
		assertThatThrownBy(() -> StackOptions.parse("--bogus", "1")).hasMessageStartingWith("Unknown option --bogus");
		assertThatThrownBy(() -> StackOptions.parse("--bind")).hasMessageStartingWith("Option --bind needs a value");
		assertThatThrownBy(() -> StackOptions.parse("--bind", "my-laptop.example"))
			.hasMessageStartingWith("--bind needs an IP address of this machine");
		assertThatThrownBy(() -> StackOptions.parse("--bind", "300.1.1.1")).hasMessageContaining("not 300.1.1.1");
	}

}
