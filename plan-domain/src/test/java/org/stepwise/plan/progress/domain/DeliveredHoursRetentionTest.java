package org.stepwise.plan.progress.domain;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.attendance.AttendanceStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A year of sessions (issue 19): the delivered hours of the weeks whose attendance has
 * left the projection are kept only while the progress picture shows them, and the
 * picture is still exactly the one of the whole history.
 */
class DeliveredHoursRetentionTest {

	static final Retention RETENTION = Retention.of(Thresholds.DEFAULTS);

	@Test
	void aYearOfSessionsKeepsTheWeeksTheProgressPictureShows() {
		Projection full = Projection.EMPTY;
		Projection pruned = Projection.EMPTY;
		for (int day = 0; day < 365; day++) {
			if (day % 7 < 4) {
				String session = "s" + day;
				// every fifth session missed, so the weeks differ
				AttendanceStatus status = (day % 5 == 0) ? AttendanceStatus.NO_SHOW : AttendanceStatus.ATTENDED;
				List<org.stepwise.contracts.StepwiseEvent> facts = List.of(Facts.session(session, day),
						Facts.attendance(session, day, status));
				full = full.fold(facts);
				pruned = pruned.fold(facts);
			}
			Instant evening = Facts.at(day, 21);
			pruned = RETENTION.prune(pruned, Facts.ZONE, evening, evening);
			assertThat(Rules.deliveredHoursPerWeek(pruned, Facts.ZONE, evening)).as("day %d", day)
				.isEqualTo(Rules.deliveredHoursPerWeek(full, Facts.ZONE, evening))
				.hasSizeLessThanOrEqualTo(Rules.DELIVERED_HOURS_WEEKS);
		}
		assertThat(Rules.deliveredHoursPerWeek(full, Facts.ZONE, Facts.at(364, 21)))
			.hasSize(Rules.DELIVERED_HOURS_WEEKS);
		// not one entry a week for good: 52 weeks have passed
		assertThat(pruned.pastWeekHours()).hasSizeLessThanOrEqualTo(Rules.DELIVERED_HOURS_WEEKS);
	}

}
