package org.stepwise.attendance.record;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A roster being stored: every record of it (with its event) in one document, written
 * before the records themselves. MongoDB writes several documents atomically only in a
 * replica-set transaction, so this intent is what makes a roster all or nothing across a
 * crash: the write that follows it is finished by {@link RosterRecovery} (rolled forward,
 * never half kept), and the intent is removed once every record is stored.
 */
@Document(RosterWrite.COLLECTION)
record RosterWrite(@Id String id, String sessionId, List<AttendanceRecord> records, Instant startedAt) {

	static final String COLLECTION = "roster_writes";

	RosterWrite {
		records = List.copyOf(records);
	}

}
