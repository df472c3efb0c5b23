package org.stepwise.attendance.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.platform.outbox.OutboxEntry;

/** A scheduled session and the events its changes still have to publish. */
@Document("sessions")
public record Session(@Id String id, String programId, SessionType sessionType, Modality modality, Instant startsAt,
		Instant endsAt, String facilitatorId, List<String> roster, Instant recordedAt,
		@JsonIgnore @Version Long version, @JsonIgnore List<OutboxEntry> outbox) {

	public Session {
		roster = List.copyOf(roster);
		outbox = new ArrayList<>(outbox == null ? List.of() : outbox);
	}

	public int minutes() {
		return (int) Duration.between(this.startsAt, this.endsAt).toMinutes();
	}

	public boolean hasOnRoster(String patientId) {
		return this.roster.contains(patientId);
	}

}
