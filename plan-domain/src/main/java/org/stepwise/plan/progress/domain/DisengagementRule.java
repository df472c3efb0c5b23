package org.stepwise.plan.progress.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.progress.SignalFired;

/**
 * S9, disengagement (docs/clinical-rules.md section 3): consecutive unexcused no-shows,
 * counted back from the latest session on clinical time. Excused absences and program
 * cancellations neither count nor break the run.
 *
 * @param outreachAfter no-shows in a row that call for outreach (MEDIUM), default 2
 * @param dischargeRiskAfter no-shows in a row that mean discharge risk (HIGH), default 3
 */
public record DisengagementRule(int outreachAfter, int dischargeRiskAfter) {

	public static final DisengagementRule DEFAULTS = new DisengagementRule(2, 3);

	public Optional<SignalFired> evaluate(Collection<AttendanceMark> marks) {
		List<AttendanceMark> newestFirst = marks.stream()
			.sorted(Comparator.comparing(AttendanceMark::occurredAt).thenComparing(AttendanceMark::recordId).reversed())
			.toList();
		int run = 0;
		AttendanceMark earliestInRun = null;
		for (AttendanceMark mark : newestFirst) {
			if (mark.status() == AttendanceStatus.NO_SHOW) {
				run++;
				earliestInRun = mark;
			}
			else if (mark.status().present()) {
				break;
			}
		}
		if (run < this.outreachAfter) {
			return Optional.empty();
		}
		Severity severity = (run >= this.dischargeRiskAfter) ? Severity.HIGH : Severity.MEDIUM;
		return Optional.of(new SignalFired("S9", "DISENGAGEMENT", severity, run + " unexcused no-shows in a row",
				Map.of("consecutiveNoShows", Integer.toString(run)), earliestInRun.occurredAt()));
	}

}
