package org.stepwise.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.stepwise.contracts.attendance.AttendanceRecorded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

	private final EventCodec codec = new EventCodec();

	private final JsonMapper json = EventCodec.defaultMapper();

	@ParameterizedTest
	@EnumSource(EventType.class)
	void encodeThenDecodeGivesTheSameEvent(EventType type) {
		EventEnvelope<StepwiseEvent> event = Samples.of(type);
		assertThat(this.codec.decode(this.codec.encode(event))).isEqualTo(event);
	}

	@Test
	void aNewEnvelopeTakesItsTypeAndSubjectFromThePayload() {
		AttendanceRecorded data = (AttendanceRecorded) Samples.of(EventType.ATTENDANCE_RECORDED).data();
		EventEnvelope<AttendanceRecorded> event = EventEnvelope.of("/stepwise/test", data, Instant.EPOCH);
		assertThat(event.type()).isEqualTo("stepwise.attendance.recorded.v1");
		assertThat(event.subject()).isEqualTo("patient-1");
		assertThat(event.topic()).isEqualTo(Topics.ATTENDANCE);
		assertThat(event.id()).hasSize(36);
		assertThat(EventEnvelope.of("/stepwise/test", data, Instant.EPOCH).id()).isNotEqualTo(event.id());
	}

	@Test
	void unreadableInputIsRejectedWithAShortReasonThatCarriesNoContent() {
		assertRejected(new byte[0], "empty record value");
		assertRejected("patient-1 {".getBytes(StandardCharsets.UTF_8), "not JSON");
		assertRejected("[1,2]".getBytes(StandardCharsets.UTF_8), "not a JSON object");
		assertRejected(mutated((e) -> e.put("specversion", "0.3")), "not a CloudEvents 1.0 event");
		assertRejected(mutated((e) -> e.put("type", "stepwise.unknown.v1")), "unknown event type");
		assertRejected(mutated((e) -> e.remove("data")), "missing data");
		assertRejected(mutated((e) -> e.remove("id")), "missing attribute id");
		assertRejected(mutated((e) -> e.put("subject", "")), "missing attribute subject");
		assertRejected(mutated((e) -> ((ObjectNode) e.get("data")).put("minutesAttended", "lots")),
				"payload does not fit stepwise.attendance.recorded.v1");
		assertRejected(mutated((e) -> ((ObjectNode) e.get("data")).remove("minutesAttended")),
				"payload does not fit stepwise.attendance.recorded.v1");
		assertRejected(mutated((e) -> ((ObjectNode) e.get("data")).put("status", "VANISHED")),
				"payload does not fit stepwise.attendance.recorded.v1");
	}

	private byte[] mutated(java.util.function.Consumer<ObjectNode> change) {
		ObjectNode event = (ObjectNode) this.json
			.readTree(this.codec.encode(Samples.of(EventType.ATTENDANCE_RECORDED)));
		change.accept(event);
		return this.json.writeValueAsBytes(event);
	}

	private void assertRejected(byte[] bytes, String reason) {
		assertThatThrownBy(() -> this.codec.decode(bytes)).isInstanceOf(InvalidEventException.class)
			.hasMessage(reason)
			.message()
			.doesNotContain("patient-1");
	}

}
