package org.stepwise.alert.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.VitalsRecorded;
import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.platform.inbox.ReceivedEvent;

/**
 * The console's patient timeline: a read model in alert-service fed by
 * {@code stepwise.assessments.v1} (PHQ-9, GAD-7 and EDE-QS totals; weights and heart
 * rates), {@code stepwise.attendance.v1} (records and corrections) and
 * {@code stepwise.checkins.v1} (craving, mood, confidence), so the patient page needs no
 * call to another service at read time. Idempotent: entries are keyed by the source
 * record, and a correction only replaces an older revision.
 */
@Component
public class Timeline {

	/** The instruments the patient page charts. */
	private static final Set<Instrument> CHARTED = Set.of(Instrument.PHQ9, Instrument.GAD7, Instrument.EDEQS);

	private final TimelineRepository entries;

	private final MongoTemplate mongo;

	Timeline(TimelineRepository entries, MongoTemplate mongo) {
		this.entries = entries;
		this.mongo = mongo;
	}

	public void handle(List<ReceivedEvent> events) {
		Map<String, TimelineEntry> changed = new LinkedHashMap<>();
		for (ReceivedEvent event : events) {
			switch (event.data()) {
				case AssessmentScored scored when CHARTED.contains(scored.instrument()) ->
					changed.put(scored.assessmentId(),
							new TimelineEntry(scored.assessmentId(), scored.patientId(), scored.programId(),
									scored.instrument().name(), scored.total(), null, null, 0, scored.occurredAt()));
				case VitalsRecorded vitals when vitals.weightKg() != null || vitals.heartRatePerMin() != null ->
					changed.put(vitals.measurementId(), TimelineEntry.vitals(vitals.measurementId(), vitals.patientId(),
							vitals.programId(), vitals.occurredAt(),
							(vitals.weightKg() != null) ? vitals.weightKg().doubleValue() : null,
							vitals.heartRatePerMin(), (vitals.timeOfDay() != null) ? vitals.timeOfDay().name() : null));
				case CheckInSubmitted checkIn -> changed.put(checkIn.checkInId(),
						TimelineEntry.checkIn(checkIn.checkInId(), checkIn.patientId(), checkIn.programId(),
								checkIn.occurredAt(), checkIn.craving(), checkIn.mood(), checkIn.confidence()));
				case AttendanceRecorded recorded -> keepNewer(changed,
						new TimelineEntry(recorded.recordId(), recorded.patientId(), recorded.programId(), "ATTENDANCE",
								null, recorded.status().name(), recorded.status().present(), 0, recorded.occurredAt()));
				case AttendanceCorrected corrected -> keepNewer(changed,
						new TimelineEntry(corrected.recordId(), corrected.patientId(), corrected.programId(),
								"ATTENDANCE", null, corrected.status().name(), corrected.status().present(),
								corrected.revision(), corrected.occurredAt()));
				default -> {
				}
			}
		}
		if (changed.isEmpty()) {
			return;
		}
		List<TimelineEntry> save = new ArrayList<>();
		Map<String, TimelineEntry> stored = new LinkedHashMap<>();
		this.entries.findAllById(changed.keySet()).forEach((entry) -> stored.put(entry.id(), entry));
		for (TimelineEntry entry : changed.values()) {
			TimelineEntry current = stored.get(entry.id());
			if (current == null || current.revision() < entry.revision()) {
				save.add(entry);
			}
		}
		if (save.isEmpty()) {
			return;
		}
		// one bulk write per batch: saveAll would be a round trip (and a commit of the
		// embedded store) per entry, which a catch-up of the topics pays hundreds of
		// thousands of times
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, TimelineEntry.class);
		save.forEach((entry) -> bulk.replaceOne(new Query(Criteria.where("_id").is(entry.id())), entry,
				FindAndReplaceOptions.options().upsert()));
		bulk.execute();
	}

	private static void keepNewer(Map<String, TimelineEntry> changed, TimelineEntry entry) {
		TimelineEntry current = changed.get(entry.id());
		if (current == null || current.revision() < entry.revision()) {
			changed.put(entry.id(), entry);
		}
	}

	public List<TimelineEntry> of(String patientId) {
		return this.entries.findByPatientIdOrderByAtAsc(patientId);
	}

}
