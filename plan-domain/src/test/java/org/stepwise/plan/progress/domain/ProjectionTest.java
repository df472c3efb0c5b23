package org.stepwise.plan.progress.domain;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.attendance.AttendanceStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionTest {

	@Test
	void theLatestFactIsTheLatestAttendanceCheckInOrScoreNotASessionToCome() {
		assertThat(Projection.EMPTY.latestFactAt()).isNull();

		Projection projection = Projection.EMPTY.fold(List.of(Facts.session("s1", 30), Facts.checkIn(3, 2, false),
				Facts.attendance("s0", 5, AttendanceStatus.ATTENDED), Facts.score("a1", Instrument.PHQ9, 4, 8)));

		assertThat(projection.latestFactAt()).isEqualTo(Facts.at(5, 9));
	}

}
