package org.stepwise.plan.progress;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import org.stepwise.plan.PlanProperties;

/**
 * Absence-based signals (silence, unrecorded sessions, under-dosed weeks) need time to
 * pass, not events: this pass re-evaluates every patient whose next look is due on the
 * clinical clock (the injectable {@link java.time.Clock}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class ClinicalClock {

	private final Evaluations evaluations;

	private final PlanProperties properties;

	private final PatientStore store;

	private boolean indexComplete;

	ClinicalClock(Evaluations evaluations, PlanProperties properties, PatientStore store) {
		this.evaluations = evaluations;
		this.properties = properties;
		this.store = store;
	}

	@Scheduled(fixedDelayString = "${stepwise.plan.evaluation-interval:60s}",
			initialDelayString = "${stepwise.plan.evaluation-interval:60s}")
	public void tick() {
		if (!this.indexComplete) {
			// patient documents stored before the index existed are due from the start
			this.store.completeIndex();
			this.indexComplete = true;
		}
		evaluateDue();
	}

	/** Re-evaluates all due patients, batch by batch; returns how many. */
	public synchronized int evaluateDue() {
		int total = 0;
		int due;
		do {
			due = this.evaluations.evaluateDue(this.properties.evaluationBatch());
			total += due;
		}
		while (due == this.properties.evaluationBatch());
		return total;
	}

}
