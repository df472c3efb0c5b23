package org.stepwise.plan.progress;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.plan.plans.domain.PlanVersion;
import org.stepwise.plan.programs.Programs;

/**
 * The domain metrics of plan-service (names and tags are a contract with the dashboards;
 * never a patient id in a tag). Counted from the events a successful write published.
 */
@Component
public class PlanMetrics {

	private final MeterRegistry meters;

	private final MongoTemplate mongo;

	private final MultiGauge patients;

	private final Programs programs;

	PlanMetrics(MeterRegistry meters, MongoTemplate mongo, Programs programs) {
		this.meters = meters;
		this.mongo = mongo;
		this.programs = programs;
		this.patients = MultiGauge.builder("stepwise.patients")
			.description("Patients by level of care, relapse risk, program type and phase")
			.register(meters);
	}

	public <T> T evaluation(String trigger, Supplier<T> work) {
		return Timer.builder("stepwise.progress.evaluation")
			.description("One batch's fold and evaluation, including its write")
			.tag("trigger", trigger)
			// buckets, so dashboards can aggregate latency quantiles across instances
			.publishPercentileHistogram()
			.register(this.meters)
			.record(work);
	}

	public void published(List<StepwiseEvent> events) {
		for (StepwiseEvent event : events) {
			switch (event) {
				case PlanChanged changed -> Counter.builder("stepwise.plan.changes")
					.description("Plan versions, by direction and by whom")
					.tag("direction", changed.direction().name())
					.tag("changed_by", PlanVersion.SYSTEM.equals(changed.changedBy()) ? "system" : "clinician")
					.register(this.meters)
					.increment();
				case RecommendationMade made -> recommendation(made.kind().name(), "made");
				case ProgressAssessed assessed -> Counter.builder("stepwise.progress.assessments")
					.description("Published progress assessments, by relapse risk")
					.tag("risk_level", assessed.riskLevel().name())
					.register(this.meters)
					.increment();
				default -> {
				}
			}
		}
	}

	public void decided(String kind, boolean approved) {
		recommendation(kind, approved ? "approved" : "declined");
	}

	private void recommendation(String kind, String outcome) {
		Counter.builder("stepwise.plan.recommendations")
			.description("Level-of-care recommendations, by kind and outcome")
			.tag("kind", kind)
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	/**
	 * Recounts patients by level, risk, program type and phase from the small index
	 * documents, not the patient documents (small counts are suppressed in dashboards);
	 * grouped by program in the store (a handful of rows), by its types here.
	 */
	@Scheduled(fixedDelayString = "${stepwise.plan.gauge-refresh:30s}", initialDelay = 1000)
	public void refreshPatients() {
		Aggregation count = Aggregation
			.newAggregation(Aggregation.group("levelOfCare", "riskLevel", "programId", "phase").count().as("n"));
		Map<Tags, Long> counts = new HashMap<>();
		for (Document row : this.mongo.aggregate(count, PatientIndex.class, Document.class).getMappedResults()) {
			Object id = row.get("_id");
			Map<?, ?> key = (id instanceof Map<?, ?> map) ? map : row;
			Object level = key.get("levelOfCare");
			Object risk = key.get("riskLevel");
			Object program = key.get("programId");
			Object phase = key.get("phase");
			Tags tags = Tags.of("level_of_care", (level != null) ? level.toString() : "none", "risk_level",
					(risk != null) ? risk.toString() : "LOW", "program_type",
					this.programs.typeTag((program != null) ? program.toString() : null), "phase",
					(phase != null) ? phase.toString() : PlanPhase.IOP.name());
			counts.merge(tags, ((Number) row.get("n")).longValue(), Long::sum);
		}
		this.patients.register(
				counts.entrySet()
					.stream().<MultiGauge.Row<?>>map((c) -> MultiGauge.Row.of(c.getKey(), c.getValue())).toList(),
				true);
	}

}
