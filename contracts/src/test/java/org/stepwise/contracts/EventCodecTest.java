package org.stepwise.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.stepwise.contracts.assessment.AnalyteResult;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.checkin.CheckInSubmitted;

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
		// the wrong value is the patient id: the reason must not repeat it
		assertRejected(mutated((e) -> ((ObjectNode) e.get("data")).put("minutesAttended", "patient-1")),
				"schema: /data/minutesAttended type");
		assertRejected(mutated((e) -> ((ObjectNode) e.get("data")).remove("minutesAttended")),
				"schema: /data required minutesAttended");
		assertRejected(mutated((e) -> ((ObjectNode) e.get("data")).put("status", "VANISHED")),
				"schema: /data/status enum");
	}

	@Test
	void everyRequiredAttributeIsChecked() {
		assertThatThrownBy(() -> this.codec.decode(null)).isInstanceOf(InvalidEventException.class)
			.hasMessage("empty record value");
		assertRejected("null".getBytes(StandardCharsets.UTF_8), "not a JSON object");
		assertRejected("\"patient-1\"".getBytes(StandardCharsets.UTF_8), "not a JSON object");
		assertRejected(mutated((e) -> e.remove("specversion")), "not a CloudEvents 1.0 event");
		assertRejected(mutated((e) -> e.put("specversion", 1.0)), "not a CloudEvents 1.0 event");
		assertRejected(mutated((e) -> e.remove("type")), "missing attribute type");
		assertRejected(mutated((e) -> e.put("type", 7)), "missing attribute type");
		assertRejected(mutated((e) -> e.put("type", "stepwise.attendance.recorded.v2")), "unknown event type");
		assertRejected(mutated((e) -> e.putNull("data")), "missing data");
		assertRejected(mutated((e) -> e.putArray("data").add("patient-1")), "missing data");
		assertRejected(mutated((e) -> e.put("data", "patient-1")), "missing data");
		assertRejected(mutated((e) -> e.put("id", " ")), "missing attribute id");
		assertRejected(mutated((e) -> e.remove("source")), "missing attribute source");
		assertRejected(mutated((e) -> e.remove("subject")), "missing attribute subject");
		assertRejected(mutated((e) -> e.remove("time")), "missing attribute time");
		assertRejected(mutated((e) -> e.put("time", "patient-1")), "invalid attribute time");
		assertRejected(mutated((e) -> e.put("time", 1772503500)), "invalid attribute time");
		assertRejected(mutated((e) -> ((ObjectNode) e.get("data")).put("occurredAt", "yesterday")),
				"schema: /data/occurredAt format");
	}

	@Test
	void theWrongTypeInANestedRecordIsRejected() {
		ObjectNode event = (ObjectNode) this.json.readTree(this.codec.encode(Samples.of(EventType.PLAN_CHANGED)));
		((ObjectNode) event.get("data").get("levelOfCare")).put("edition", "third");
		assertRejected(this.json.writeValueAsBytes(event), "schema: /data/levelOfCare/edition type");
	}

	/**
	 * Issue 16 item 4: consumers trusted payloads. Every clinical value is bounded, every
	 * kind is one of a closed set and every patient id has the one shape; the reason
	 * names the field and the rule, never the value.
	 */
	@Test
	void anEventOutsideItsSchemaIsRejectedNamingTheFieldAndTheRuleButNotTheValue() {
		assertRejected(scored((data) -> ((ObjectNode) data.get("items")).put("9", 42)),
				"schema: /data/items/9 maximum");
		assertRejected(scored((data) -> data.put("total", -999)), "schema: /data/total minimum");
		assertRejected(scored((data) -> data.put("total", 28)), "schema: /data/total maximum");
		assertRejected(scored((data) -> ((ObjectNode) data.get("items")).put("10", 1)),
				"schema: /data/items propertyNames");
		assertRejected(scored((data) -> data.put("instrument", "MMSE")), "schema: /data/instrument enum");
		assertRejected(scored((data) -> data.remove("patientId")), "schema: /data required patientId");
		assertRejected(mutated((e) -> ((ObjectNode) e.get("data")).put("minutesAttended", -5)),
				"schema: /data/minutesAttended minimum");
		assertRejected(of(EventType.CHECK_IN_SUBMITTED, (e) -> ((ObjectNode) e.get("data")).put("mood", 999)),
				"schema: /data/mood maximum");
		assertRejected(of(EventType.CHECK_IN_SUBMITTED, (e) -> ((ObjectNode) e.get("data")).put("craving", -1)),
				"schema: /data/craving minimum");
		assertRejected(of(EventType.ALERT_RAISED, (e) -> ((ObjectNode) e.get("data")).put("kind", "NOT_A_KIND")),
				"schema: /data/kind enum");
		assertRejected(
				of(EventType.PROGRESS_ASSESSED,
						(e) -> ((ObjectNode) e.at("/data/signals/0")).put("kind", "NOT_A_KIND")),
				"schema: /data/signals/0/kind enum");
		assertRejected(mutated((e) -> ((ObjectNode) e.get("data")).put("patientId", "patient-1\n")),
				"schema: /data/patientId pattern");
		assertRejected(mutated((e) -> e.put("subject", "../../etc/passwd")), "schema: /subject pattern");
	}

	@Test
	void aKeyChosenByTheProducerIsMaskedInTheReason() {
		assertThat(EventSchemas.pointer("/data/items/9")).isEqualTo("/data/items/9");
		assertThat(EventSchemas.pointer("/data/values/patient 42")).isEqualTo("/data/values/*");
		assertThat(EventSchemas.pointer("")).isEqualTo("/");
	}

	@Test
	void theInstrumentsOwnRangesApply() {
		// 4 is a valid AUDIT-C item but not a valid PHQ-9 item
		assertRejected(scored((data) -> ((ObjectNode) data.get("items")).put("1", 4)), "schema: /data/items/1 maximum");
		assertThat(this.codec.decode(this.codec.encode(Samples.drugScreen()))).isEqualTo(Samples.drugScreen());
	}

	private byte[] scored(Consumer<ObjectNode> change) {
		return of(EventType.ASSESSMENT_SCORED, (e) -> change.accept((ObjectNode) e.get("data")));
	}

	private byte[] of(EventType type, Consumer<ObjectNode> change) {
		ObjectNode event = (ObjectNode) this.json.readTree(this.codec.encode(Samples.of(type)));
		change.accept(event);
		return this.json.writeValueAsBytes(event);
	}

	@Test
	void nullableFieldsSurviveARoundTripAsNull() {
		EventEnvelope<StepwiseEvent> drugScreen = Samples.drugScreen();
		EventEnvelope<StepwiseEvent> decoded = this.codec.decode(this.codec.encode(drugScreen));
		assertThat(decoded).isEqualTo(drugScreen);
		assertThat(((AssessmentScored) decoded.data()).total()).isNull();
		assertThat(((AssessmentScored) decoded.data()).analytes()).filteredOn(AnalyteResult::countsAsUse)
			.extracting(AnalyteResult::analyte)
			.containsExactly("fentanyl");

		EventEnvelope<StepwiseEvent> program = Samples.programWithoutOnCall();
		assertThat(this.codec.decode(this.codec.encode(program))).isEqualTo(program);
	}

	@Test
	void encodesTimesAsRfc3339TextAndNumbersAsNumbers() {
		JsonNode plan = this.json.readTree(this.codec.encode(Samples.of(EventType.PLAN_CHANGED)));
		assertThat(plan.get("time").isString()).isTrue();
		assertThat(plan.get("time").asString()).isEqualTo("2026-03-03T02:05:00Z");
		assertThat(plan.at("/data/occurredAt").asString()).isEqualTo("2026-03-03T02:05:00Z");
		assertThat(plan.at("/data/startDate").asString()).isEqualTo("2026-02-09");
		assertThat(plan.at("/data/weeklyHours").isNumber()).isTrue();
		assertThat(plan.at("/data/direction").asString()).isEqualTo("STEP_UP");
		assertThat(plan.at("/data/levelOfCare/edition").asInt()).isEqualTo(3);
		JsonNode checkIn = this.json.readTree(this.codec.encode(Samples.of(EventType.CHECK_IN_SUBMITTED)));
		assertThat(checkIn.at("/data/sleepHours").decimalValue()).isEqualByComparingTo("5.5");
		JsonNode drugScreen = this.json.readTree(this.codec.encode(Samples.drugScreen()));
		assertThat(drugScreen.at("/data/total").isNull()).as("null is written, not left out").isTrue();
	}

	@Test
	void readsAnEventWrittenByAnotherProducer() {
		// Hand-written: other attribute order, an offset instead of Z, no
		// datacontenttype, a decimal with a trailing zero, an extension attribute.
		String json = """
				{"data": {"checkInId": "c-9", "programId": "program-a", "patientId": "patient-9", "mood": 6,
				  "craving": 2, "usedSinceLastCheckIn": false, "substances": [], "sleepHours": 7.50, "stress": 3,
				  "medicationTakenAsPrescribed": true, "labels": [], "occurredAt": "2026-03-03T08:00:00-06:00",
				  "recordedAt": "2026-03-03T14:00:01Z"},
				 "subject": "patient-9", "type": "stepwise.checkin.submitted.v1", "id": "7d1c",
				 "source": "/partner/app", "specversion": "1.0", "time": "2026-03-03T14:00:01.250Z",
				 "partitionkey": "patient-9"}
				""";
		EventEnvelope<StepwiseEvent> event = this.codec.decode(json.getBytes(StandardCharsets.UTF_8));
		assertThat(event.eventType()).isEqualTo(EventType.CHECK_IN_SUBMITTED);
		assertThat(event.time()).isEqualTo("2026-03-03T14:00:01.250Z");
		assertThat(event.datacontenttype()).isNull();
		CheckInSubmitted checkIn = (CheckInSubmitted) event.data();
		assertThat(checkIn.occurredAt()).isEqualTo("2026-03-03T14:00:00Z");
		assertThat(checkIn.sleepHours()).isEqualByComparingTo("7.5");
		assertThat(checkIn.subject()).isEqualTo(event.subject());
	}

	@Test
	void everyTypeDecodesToItsOwnRecordOnItsOwnTopic() {
		for (EventType type : EventType.values()) {
			EventEnvelope<StepwiseEvent> decoded = this.codec.decode(this.codec.encode(Samples.of(type)));
			assertThat(decoded.data()).isExactlyInstanceOf(type.payload());
			assertThat(EventType.of(decoded.data())).isEqualTo(type);
			assertThat(decoded.topic()).isEqualTo(type.topic()).isIn(Topics.ALL);
			assertThat(decoded.subject()).isEqualTo(decoded.data().subject());
		}
		assertThatThrownBy(() -> EventType.fromType(null)).isInstanceOf(InvalidEventException.class);
	}

	private byte[] mutated(Consumer<ObjectNode> change) {
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
