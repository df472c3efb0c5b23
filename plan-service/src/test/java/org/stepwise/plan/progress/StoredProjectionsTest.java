package org.stepwise.plan.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.plan.progress.domain.AttendanceMark;
import org.stepwise.plan.progress.domain.CheckInMark;
import org.stepwise.plan.progress.domain.CheckInMedians;
import org.stepwise.plan.progress.domain.EarlyBaseline;
import org.stepwise.plan.progress.domain.Projection;
import org.stepwise.plan.progress.domain.ScoreMark;
import org.stepwise.plan.progress.domain.SessionSlot;
import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection's compact stored form on the real database protocol (issue 19): a
 * document in the form written before (the projection an embedded document) is read
 * whole, its next write stores the projection compact, and that reads back equal, nulls,
 * maps and the early baseline included, in a fraction of the bytes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class StoredProjectionsTest {

	static final Instant T = Instant.parse("2026-03-02T15:00:00Z");

	@Autowired
	PatientStore store;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aDocumentInTheOldFormIsReadAndItsNextWriteIsCompact() {
		String patient = "patient-" + System.nanoTime();
		this.mongo.getCollection("patients")
			.insertOne(Document
				.parse("""
						{"_id": "%s", "_class": "org.stepwise.plan.progress.PatientFile",
						 "state": {"patientId": "%s", "programId": "program-a", "revision": 3, "riskLevel": "LOW",
						  "stepDownReady": false, "signals": [], "plans": [], "recommendations": [], "recommendationsMade": 0,
						  "projection": {
						   "sessions": [{"sessionId": "s2", "startsAt": {"$date": "2026-03-04T15:00:00Z"},
						     "endsAt": {"$date": "2026-03-04T18:00:00Z"}, "scheduleRecordedAt": {"$date": "2026-03-01T13:00:00Z"},
						     "cancelled": false}],
						   "attendance": [{"recordId": "r1", "sessionId": "s1", "status": "ATTENDED", "minutesAttended": 180,
						     "occurredAt": {"$date": "2026-03-02T15:00:00Z"}, "revision": 0}],
						   "checkIns": [{"checkInId": "c1", "occurredAt": {"$date": "2026-03-02T15:00:00Z"}, "mood": 6,
						     "craving": 3, "used": false, "stress": 4, "sleepHours": 7.5, "confidence": 8,
						     "highRiskSituation": false},
						    {"checkInId": "c0", "occurredAt": {"$date": "2026-03-01T15:00:00Z"}, "mood": 5, "craving": 2,
						     "used": true}],
						   "scores": [{"assessmentId": "a1", "instrument": "BAM", "occurredAt": {"$date": "2026-03-02T15:00:00Z"},
						     "subscales": {"use": 0, "risk": 9, "protective": 15}, "band": "", "countsAsUse": false,
						     "safety": "NONE"}],
						   "pastWeekHours": {"2026-W09": 9.0},
						   "keptFrom": {"$date": "2026-02-23T06:00:00Z"}}},
						 "appliedRequests": [], "version": 4, "outbox": []}
						"""
					.formatted(patient, patient)));

		PatientFile old = this.store.load(List.of(patient)).get(patient);

		Projection expected = new Projection(
				List.of(new SessionSlot("s2", Instant.parse("2026-03-04T15:00:00Z"),
						Instant.parse("2026-03-04T18:00:00Z"), Instant.parse("2026-03-01T13:00:00Z"), false)),
				List.of(new AttendanceMark("r1", "s1", AttendanceStatus.ATTENDED, 180, T, 0)),
				List.of(new CheckInMark("c1", T, 6, 3, false, 4, 7.5, 8, false),
						new CheckInMark("c0", Instant.parse("2026-03-01T15:00:00Z"), 5, 2, true)),
				List.of(new ScoreMark("a1", Instrument.BAM, T, null, null,
						Map.of("use", 0, "risk", 9, "protective", 15), "", false, SafetyLevel.NONE)),
				Map.of("2026-W09", 9.0), Instant.parse("2026-02-23T06:00:00Z"), null);
		assertThat(old.state().projection()).isEqualTo(expected);
		// stored before session types were kept: read as not known
		assertThat(old.state().projection().attendance()).singleElement()
			.satisfies((mark) -> assertThat(mark.sessionType()).isNull());
		assertThat(old.state().projection().sessions()).singleElement()
			.satisfies((slot) -> assertThat(slot.sessionType()).isNull());
		assertThat(old.state().revision()).isEqualTo(3);

		this.store.writeAll(List.of(new PatientStore.Change(old, old.next(old.state(), null, List.of()))));

		Object stored = storedProjection(patient);
		assertThat(stored).isInstanceOf(Binary.class);
		assertThat(this.store.load(List.of(patient)).get(patient).state().projection()).isEqualTo(expected);
	}

	@Test
	void aLongProjectionReadsBackEqualInAFractionOfTheBytes() {
		String patient = "patient-" + System.nanoTime();
		Projection projection = longProjection();
		PatientFile file = PatientFile.start(PatientState.start(patient, "program-a").withProjection(projection));
		this.store.writeAll(List.of(new PatientStore.Change(null, file.next(file.state(), null, List.of()))));

		assertThat(this.store.load(List.of(patient)).get(patient).state().projection()).isEqualTo(projection);
		Binary stored = (Binary) storedProjection(patient);
		int expanded = new org.bson.RawBsonDocument(StoredProjections.document(stored),
				new org.bson.codecs.DocumentCodec())
			.getByteBuffer()
			.remaining();
		assertThat(stored.getData().length).as("stored bytes of %d", expanded).isLessThan(expanded / 3);
	}

	private Object storedProjection(String patient) {
		Document document = this.mongo.getCollection("patients").find(new Document("_id", patient)).first();
		assertThat(document).isNotNull();
		return document.get("state", Document.class).get("projection");
	}

	/**
	 * 60 days of check-ins, attendance and scores, with nulls, maps and the early
	 * baseline.
	 */
	static Projection longProjection() {
		List<CheckInMark> checkIns = new java.util.ArrayList<>();
		List<AttendanceMark> attendance = new java.util.ArrayList<>();
		List<ScoreMark> scores = new java.util.ArrayList<>();
		for (int day = 0; day < 60; day++) {
			Instant at = T.plusSeconds(86_400L * day);
			checkIns.add(new CheckInMark("ci-" + day, at, day % 11, (day * 7) % 11, day % 13 == 0,
					(day % 5 == 0) ? null : day % 10, (day % 7 == 0) ? null : 6.5 + (day % 4) / 2.0,
					(day % 3 == 0) ? null : day % 11, (day % 9 == 0) ? null : day % 17 == 0));
			if (day % 7 < 4) {
				attendance.add(new AttendanceMark("r-s" + day, "s" + day,
						(day % 6 == 0) ? AttendanceStatus.NO_SHOW : AttendanceStatus.ATTENDED, (day % 6 == 0) ? 0 : 180,
						at, day % 2, (day % 7 == 3) ? SessionType.FAMILY : (day % 7 == 2) ? null : SessionType.GROUP));
			}
			if (day % 14 == 0) {
				scores.add(new ScoreMark("phq9-" + day, Instrument.PHQ9, at, 10 + day % 7, day % 2, Map.of(),
						"moderate", false, SafetyLevel.NONE));
				scores.add(new ScoreMark("bam-" + day, Instrument.BAM, at, null, null,
						Map.of("use", 1, "risk", 12, "protective", 11), "", true, SafetyLevel.LOW));
			}
		}
		return new Projection(
				List.of(new SessionSlot("s-unrecorded", T, null, null, true),
						new SessionSlot("s-family", T, T.plusSeconds(3600), T, false, SessionType.FAMILY)),
				attendance, checkIns, scores, Map.of("2026-W09", 9.0, "2026-W08", 7.5), T.minusSeconds(86_400),
				new EarlyBaseline(T.minusSeconds(86_400 * 90), new CheckInMedians(5.0, 2.5, null, 7.0, 8.0)));
	}

}
