package org.stepwise.plan.progress;

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
import org.stepwise.contracts.plan.RecommendationMade;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.plan.plans.domain.PlanVersion;

/**
 * The domain metrics of plan-service (names and tags are a contract with the dashboards;
 * never a patient id in a tag). Counted from the events a successful write published.
 */
@Component
public class PlanMetrics {

	private final MeterRegistry meters;

	private final MongoTemplate mongo;

	private final MultiGauge patients;

	PlanMetrics(MeterRegistry meters, MongoTemplate mongo) {
		this.meters = meters;
		this.mongo = mongo;
		this.patients = MultiGauge.builder("stepwise.patients")
			.description("Patients by level of care and relapse risk")
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
	 * Recounts patients by level and risk from the small index documents, not the patient
	 * documents (small counts are suppressed in dashboards).
	 */
	@Scheduled(fixedDelayString = "${stepwise.plan.gauge-refresh:30s}", initialDelay = 1000)
	public void refreshPatients() {
		Aggregation count = Aggregation.newAggregation(Aggregation.group("levelOfCare", "riskLevel").count().as("n"));
		List<MultiGauge.Row<?>> rows = this.mongo.aggregate(count, PatientIndex.class, Document.class)
			.getMappedResults()
			.stream().<MultiGauge.Row<?>>map((row) -> {
				Object id = row.get("_id");
				Map<?, ?> key = (id instanceof Map<?, ?> map) ? map : row;
				Object level = key.get("levelOfCare");
				Object risk = key.get("riskLevel");
				Number n = (Number) row.get("n");
				return MultiGauge.Row.of(Tags.of("level_of_care", (level != null) ? level.toString() : "none",
						"risk_level", (risk != null) ? risk.toString() : "LOW"), n);
			})
			.toList();
		this.patients.register(rows, true);
	}

}
