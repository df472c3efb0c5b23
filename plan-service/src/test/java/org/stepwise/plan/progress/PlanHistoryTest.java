package org.stepwise.plan.progress;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.plan.RecommendationKind;
import org.stepwise.plan.plans.domain.PatientState;
import org.stepwise.plan.plans.domain.PlanActions;
import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.plans.domain.Recommendation;
import org.stepwise.testsupport.InfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan versions and closed recommendations leave the patient's document for the plan
 * history (issue 19): once read for a change they are written there, the next write of
 * the document leaves them out, and the plan API's reads see the same history as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class PlanHistoryTest {

	// far ahead, so the clock's own passes never find this patient due meanwhile
	static final Instant LATER = Instant.parse("2100-01-01T00:01:00Z");

	static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

	@Autowired
	PatientStore store;

	@Autowired
	MongoTemplate mongo;

	@Test
	void versionsAndClosedRecommendationsMoveToThePlanHistoryAndReadTheSame() {
		String patient = "history-" + System.nanoTime();
		PatientState whole = wholeHistory(patient);
		// a document as stored before the history had its own collection
		PatientFile stored = PatientFile.start(whole);
		this.store.writeAll(List.of(new PatientStore.Change(null, stored.next(whole, LATER, List.of()))));

		PatientFile loaded = this.store.find(patient).orElseThrow();

		assertThat(loaded.state().plans()).extracting(PlanVersion::version).containsExactly(3);
		assertThat(loaded.state().recommendations()).extracting(Recommendation::recommendationId)
			.as("the decline's cooldown and the pending one")
			.containsExactly(patient + "-rec-1", patient + "-rec-3");
		assertThat(this.mongo.find(new Query(Criteria.where("patientId").is(patient)), PlanRecord.class))
			.extracting(PlanRecord::id)
			.containsExactlyInAnyOrder(patient + ":plan:1", patient + ":plan:2",
					"recommendation:" + patient + "-rec-2");
		assertSameHistory(loaded, whole);

		// the next write leaves them out of the document; the reads still see them all
		this.store.writeAll(List.of(new PatientStore.Change(loaded, loaded.next(loaded.state(), LATER, List.of()))));
		PatientFile written = this.mongo.findById(patient, PatientFile.class);
		assertThat(written.state().plans()).hasSize(1);
		assertThat(written.state().recommendations()).hasSize(2);
		assertThat(written.state().nextRecommendationNumber()).isEqualTo(4);
		assertSameHistory(written, whole);
		assertThat(this.store.archivedRecommendation(patient + "-rec-2")).get()
			.extracting(Recommendation::status)
			.isEqualTo(Recommendation.Status.APPROVED);
		assertThat(this.store.archivedPlan(patient, 1)).get().extracting(PlanVersion::version).isEqualTo(1);

		// reading it again for a change writes nothing more
		assertThat(this.store.find(patient).orElseThrow().state()).isEqualTo(written.state());
	}

	private void assertSameHistory(PatientFile file, PatientState whole) {
		assertThat(this.store.planHistory(file)).extracting(PlanVersion::version, PlanVersion::weeklyHours)
			.containsExactlyElementsOf(whole.plans()
				.stream()
				.map((v) -> org.assertj.core.groups.Tuple.tuple(v.version(), v.weeklyHours()))
				.toList());
		assertThat(this.store.recommendations(file))
			.extracting(Recommendation::recommendationId, Recommendation::status)
			.containsExactlyElementsOf(whole.recommendations()
				.stream()
				.map((r) -> org.assertj.core.groups.Tuple.tuple(r.recommendationId(), r.status()))
				.toList());
	}

	/**
	 * Three plan versions; a declined STEP_UP, an approved crisis evaluation, a pending
	 * STEP_DOWN.
	 */
	private static PatientState wholeHistory(String patient) {
		PatientState state = PlanActions
			.enrol(PatientState.start(patient, "program-a"), new LevelOfCare("2.1", 3), false, BigDecimal.valueOf(9), 3,
					List.of(), List.of("clinician-a"), PlanMode.AUTOMATIC, LocalDate.of(2026, 3, 2), "clinician-a", T0)
			.state();
		for (int hours : List.of(12, 15)) {
			state = PlanActions
				.change(state, new LevelOfCare("2.1", 3), BigDecimal.valueOf(hours), 4, "clinician-a", "more",
						LocalDate.of(2026, 3, 3), T0.plusSeconds(hours * 3600L))
				.state();
		}
		LevelOfCare iop = new LevelOfCare("2.1", 3);
		List<Reason> why = List.of(new Reason("S6", "use", Map.of()));
		return state.withRecommendations(List.of(
				new Recommendation(patient + "-rec-1", RecommendationKind.STEP_UP, iop, new LevelOfCare("2.5", 3), why,
						Recommendation.Status.DECLINED, T0.plusSeconds(86_400), T0.plusSeconds(90_000), "clinician-a",
						null),
				new Recommendation(patient + "-rec-2", RecommendationKind.CRISIS_EVALUATION, iop, iop, why,
						Recommendation.Status.APPROVED, T0.plusSeconds(172_800), T0.plusSeconds(180_000), "clinician-a",
						null),
				new Recommendation(patient + "-rec-3", RecommendationKind.STEP_DOWN, iop, new LevelOfCare("1.0", 3),
						why, Recommendation.Status.PENDING, T0.plusSeconds(259_200), null, null, null)));
	}

}
