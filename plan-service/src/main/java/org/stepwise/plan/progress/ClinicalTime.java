package org.stepwise.plan.progress;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import org.stepwise.plan.PlanProperties;

/**
 * The clinical "now" the rules evaluate at ({@code stepwise.plan.clinical-time}).
 * <ul>
 * <li>{@code wall} (default, live operation): the wall clock.</li>
 * <li>{@code events}: event time, the latest clinical time among the facts seen so far,
 * never ahead of the wall clock (a watermark). A replay of history, or the cohort
 * simulator's compressed time (12 weeks of past clinical times in minutes), is then
 * evaluated as of when each fact happened, so a 14-day window holds what it held on that
 * day; on the wall clock every window would end today and history would fire nothing. The
 * price: absence-based signals (silence, no-shows never recorded) advance only as new
 * facts move the watermark, which is why it is not the live default.</li>
 * </ul>
 * The watermark starts from the latest evaluation stored, so a restart resumes where it
 * stopped rather than going back in time.
 */
@Component
public class ClinicalTime {

	/** How the clinical now is read. */
	public enum Mode {

		WALL, EVENTS

	}

	private final Clock wall;

	private final Mode mode;

	private final Supplier<Optional<Instant>> resumeFrom;

	private final AtomicReference<Instant> watermark = new AtomicReference<>();

	@Autowired
	ClinicalTime(Clock wall, PlanProperties properties, PatientStore store) {
		this(wall, properties.clinicalTime(), store::latestAssessment);
	}

	/**
	 * @param resumeFrom where event time starts: the latest evaluation stored, if any
	 */
	ClinicalTime(Clock wall, Mode mode, Supplier<Optional<Instant>> resumeFrom) {
		this.wall = wall;
		this.mode = mode;
		this.resumeFrom = resumeFrom;
	}

	public Instant now() {
		if (this.mode == Mode.WALL) {
			return this.wall.instant();
		}
		Instant current = this.watermark.get();
		if (current == null) {
			this.watermark.compareAndSet(null, this.resumeFrom.get().orElse(Instant.EPOCH));
			current = this.watermark.get();
		}
		return current;
	}

	/** The wall clock's now, whatever the mode (for the system's own timestamps). */
	public Instant wall() {
		return this.wall.instant();
	}

	/** A fact of this clinical time was seen (event time moves forward, never back). */
	public void observed(Instant clinicalTime) {
		if (this.mode == Mode.WALL) {
			return;
		}
		now();
		Instant wallNow = this.wall.instant();
		Instant capped = clinicalTime.isAfter(wallNow) ? wallNow : clinicalTime;
		this.watermark.accumulateAndGet(capped, (a, b) -> a.isAfter(b) ? a : b);
	}

	public Mode mode() {
		return this.mode;
	}

}
