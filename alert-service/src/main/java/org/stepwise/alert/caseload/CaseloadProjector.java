package org.stepwise.alert.caseload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import org.stepwise.alert.program.Programs;
import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.platform.inbox.ReceivedEvent;

/**
 * Keeps the caseload read model ({@link CaseloadCard}) from plans, progress, attendance
 * and check-ins: per batch, one read of the batch's patients' cards and one bulk write of
 * the changed ones. A patient's events come in order on one partition, to one instance; a
 * redelivered batch changes nothing ({@link Caseload#apply} is idempotent).
 */
@Component
public class CaseloadProjector {

	private final CaseloadRepository cards;

	private final MongoTemplate mongo;

	private final Programs programs;

	CaseloadProjector(CaseloadRepository cards, MongoTemplate mongo, Programs programs) {
		this.cards = cards;
		this.mongo = mongo;
		this.programs = programs;
	}

	public void handle(List<ReceivedEvent> events) {
		Map<String, String> patients = new LinkedHashMap<>();
		for (ReceivedEvent event : events) {
			switch (event.data()) {
				case PlanChanged plan -> patients.putIfAbsent(plan.patientId(), plan.programId());
				case ProgressAssessed progress -> patients.putIfAbsent(progress.patientId(), progress.programId());
				case AttendanceRecorded recorded -> patients.putIfAbsent(recorded.patientId(), recorded.programId());
				case AttendanceCorrected corrected ->
					patients.putIfAbsent(corrected.patientId(), corrected.programId());
				case CheckInSubmitted checkIn -> patients.putIfAbsent(checkIn.patientId(), checkIn.programId());
				default -> {
				}
			}
		}
		if (patients.isEmpty()) {
			return;
		}
		Map<String, CaseloadCard> stored = new LinkedHashMap<>();
		this.cards.findAllById(patients.keySet()).forEach((card) -> stored.put(card.patientId(), card));
		Map<String, CaseloadCard> changed = new LinkedHashMap<>();
		for (ReceivedEvent event : events) {
			String patientId = patientOf(event.data());
			if (patientId == null) {
				continue;
			}
			CaseloadCard card = changed.getOrDefault(patientId, stored.get(patientId));
			if (card == null) {
				card = Caseload.empty(patientId, patients.get(patientId));
			}
			CaseloadCard next = Caseload.apply(card, event.data(), this.programs.zone(card.programId()));
			if (!next.equals(card) || !stored.containsKey(patientId)) {
				changed.put(patientId, next);
			}
		}
		if (changed.isEmpty()) {
			return;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CaseloadCard.class);
		changed.values()
			.forEach((card) -> bulk.replaceOne(new Query(Criteria.where("_id").is(card.patientId())), card,
					FindAndReplaceOptions.options().upsert()));
		bulk.execute();
	}

	private static String patientOf(Object event) {
		return switch (event) {
			case PlanChanged plan -> plan.patientId();
			case ProgressAssessed progress -> progress.patientId();
			case AttendanceRecorded recorded -> recorded.patientId();
			case AttendanceCorrected corrected -> corrected.patientId();
			case CheckInSubmitted checkIn -> checkIn.patientId();
			default -> null;
		};
	}

}
