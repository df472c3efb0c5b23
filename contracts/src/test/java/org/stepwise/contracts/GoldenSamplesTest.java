package org.stepwise.contracts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixed JSON samples, one per event type, that every consumer must keep reading. */
class GoldenSamplesTest {

	private final EventCodec codec = new EventCodec();

	private final JsonMapper json = EventCodec.defaultMapper();

	@ParameterizedTest
	@EnumSource(EventType.class)
	void theGoldenSampleDecodesToTheExpectedEvent(EventType type) {
		if (ContractFiles.rewrite() && !Files.exists(ContractFiles.golden(type))) {
			ContractFiles.write(ContractFiles.golden(type),
					this.json.writerWithDefaultPrettyPrinter().writeValueAsString(Samples.of(type)) + "\n");
		}
		EventEnvelope<StepwiseEvent> decoded = this.codec.decode(golden(type));

		assertThat(decoded).isEqualTo(Samples.of(type));
		assertThat(decoded.data()).isInstanceOf(type.payload());
		assertThat(decoded.eventType()).isEqualTo(type);
		assertThat(decoded.topic()).isEqualTo(type.topic());
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void unknownFieldsAreIgnored(EventType type) {
		ObjectNode event = (ObjectNode) this.json.readTree(golden(type));
		event.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		((ObjectNode) event.get("data")).put("addedLater", "anything").putObject("nested").put("deep", true);

		assertThat(this.codec.decode(this.json.writeValueAsBytes(event))).isEqualTo(Samples.of(type));
	}

	private static byte[] golden(EventType type) {
		return ContractFiles.read(ContractFiles.golden(type)).getBytes(StandardCharsets.UTF_8);
	}

}
