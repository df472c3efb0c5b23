package org.stepwise.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured mode: the attributes and the payload travel
 * together in the JSON body of the Kafka record (content type {@value #CONTENT_TYPE}), so
 * an event is self-describing wherever it is stored or dead-lettered. The Kafka key is
 * always {@link #subject()}.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id unique per event; consumers de-duplicate on it
 * @param source the producing service, e.g. {@code /stepwise/attendance-service}
 * @param type the versioned event type, e.g. {@code stepwise.attendance.recorded.v1}
 * @param time when the event was created (not clinical time: that is in the payload)
 * @param subject the patient id (program id on the programs topic)
 * @param datacontenttype always {@code application/json}
 * @param data the payload
 */
public record EventEnvelope<T extends StepwiseEvent>(String specversion, String id, String source, String type,
		Instant time, String subject, String datacontenttype, T data) {

	public static final String SPEC_VERSION = "1.0";

	public static final String CONTENT_TYPE = "application/cloudevents+json";

	public static final String DATA_CONTENT_TYPE = "application/json";

	public EventEnvelope {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(data, "data");
	}

	/** A new event with a random id, its type and subject taken from the payload. */
	public static <T extends StepwiseEvent> EventEnvelope<T> of(String source, T data, Instant time) {
		return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID().toString(), source, EventType.of(data).type(), time,
				data.subject(), DATA_CONTENT_TYPE, data);
	}

	public EventType eventType() {
		return EventType.fromType(this.type);
	}

	public String topic() {
		return eventType().topic();
	}

}
