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
	}

}
