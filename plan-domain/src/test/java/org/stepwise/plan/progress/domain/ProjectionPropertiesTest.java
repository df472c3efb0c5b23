package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.stepwise.contracts.StepwiseEvent;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.attendance.AttendanceCorrected;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.Modality;
import org.stepwise.contracts.attendance.SessionCancelled;
import org.stepwise.contracts.attendance.SessionChanged;
import org.stepwise.contracts.attendance.SessionType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection is idempotent and order-independent, and so is what the rules make of
 * it.
 */
class ProjectionPropertiesTest {

	@Property(tries = 2000)
	void anyOrderAndAnyRedeliveryGiveTheSameProjection(@ForAll("histories") List<StepwiseEvent> events,
			@ForAll long seed) {
		Projection inOrder = Projection.EMPTY.fold(events);
		List<StepwiseEvent> shuffled = new ArrayList<>(events);
		Random random = new Random(seed);
		// redeliver a random part of the history, then shuffle
		for (int i = 0; i < events.size() / 2; i++) {
			shuffled.add(events.get(random.nextInt(events.size())));
		}
		Collections.shuffle(shuffled, random);
		// one event at a time, as separate polls would
		Projection oneByOne = Projection.EMPTY;
		for (StepwiseEvent event : shuffled) {
			oneByOne = oneByOne.apply(event);
		}
		assertThat(oneByOne).isEqualTo(inOrder);
		assertThat(inOrder.fold(events)).isEqualTo(inOrder);
		Instant now = Facts.at(40, 12);
		assertThat(Rules.evaluate(oneByOne, RulesTest.IOP, Thresholds.DEFAULTS, Facts.ZONE, now))
			.isEqualTo(Rules.evaluate(inOrder, RulesTest.IOP, Thresholds.DEFAULTS, Facts.ZONE, now));
	}

	@Provide
	Arbitrary<List<StepwiseEvent>> histories() {
		Arbitrary<Integer> day = Arbitraries.integers().between(0, 40);
		Arbitrary<String> session = Arbitraries.of("s1", "s2", "s3", "s4", "s5", "s6");
		Arbitrary<StepwiseEvent> scheduled = Combinators.combine(session, day).as(Facts::session);
		Arbitrary<StepwiseEvent> changed = Combinators.combine(session, day, Arbitraries.integers().between(0, 9))
			.as((id, d, recorded) -> new SessionChanged(id, "program-a", "p1", SessionType.GROUP, Modality.DBT,
					Facts.at(d, 14), Facts.at(d, 17), "f2", Facts.at(0, 2 + recorded)));
		Arbitrary<StepwiseEvent> cancelled = Combinators.combine(session, day)
			.as((id, d) -> new SessionCancelled(id, "program-a", "p1", Facts.at(d, 9), false, Facts.at(d, 1)));
		Arbitrary<AttendanceStatus> status = Arbitraries.of(AttendanceStatus.class);
		Arbitrary<StepwiseEvent> recorded = Combinators.combine(session, day, status).as(Facts::attendance);
		Arbitrary<StepwiseEvent> corrected = Combinators
			.combine(session, day, status, Arbitraries.integers().between(1, 3))
			.as((id, d, s, revision) -> new AttendanceCorrected("rec-" + id, id, "program-a", "p1", SessionType.GROUP,
					AttendanceStatus.NO_SHOW, s, s.present() ? 120 : 0, 180, revision, "c1", Facts.at(d, 9),
					Facts.at(d, 15)));
		Arbitrary<StepwiseEvent> checkIn = Combinators
			.combine(day, Arbitraries.integers().between(0, 10), Arbitraries.of(true, false))
			.as(Facts::checkIn);
		Arbitrary<StepwiseEvent> phq9 = Combinators
			.combine(day, Arbitraries.integers().between(0, 27), Arbitraries.integers().between(0, 3))
			.as((d, total, item9) -> Facts.phq9("phq-" + d, d, total, item9));
		Arbitrary<StepwiseEvent> gad7 = Combinators.combine(day, Arbitraries.integers().between(0, 21))
			.as((d, total) -> Facts.score("gad-" + d, Instrument.GAD7, d, total));
		Arbitrary<StepwiseEvent> uds = Combinators.combine(day, Arbitraries.of(true, false))
			.as((d, use) -> Facts.uds("uds-" + d, d, use));
		return Arbitraries.oneOf(scheduled, changed, cancelled, recorded, corrected, checkIn, phq9, gad7, uds)
			.list()
			.ofMinSize(1)
			.ofMaxSize(40);
	}

}
