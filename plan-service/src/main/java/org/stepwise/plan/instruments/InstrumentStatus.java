package org.stepwise.plan.instruments;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.plan.progress.domain.InstrumentSchedule;
import org.stepwise.plan.progress.domain.InstrumentSchedule.InstrumentDue;

/**
 * Where one scheduled instrument stands for a patient on a clinical day
 * (docs/clinical-rules.md section 8, "Instrument schedules"). Nothing alerts on it: it is
 * shown on the progress picture and the caseload, and counted in
 * {@code stepwise.instruments.overdue}.
 *
 * @param label the instrument's published name ("PHQ-9")
 * @param everyDays its interval in clinical days; null where only the due date is known
 * @param lastOn the clinical day it was last taken; null if never (or not known here)
 * @param overdueDays days past the due date; 0 on or before it
 * @param status {@code NOT_DUE}, {@code DUE} (today) or {@code OVERDUE}
 * @param words e.g. "PHQ-9 overdue 5 days"
 */
public record InstrumentStatus(Instrument instrument, String label, @Nullable Integer everyDays,
		@Nullable LocalDate lastOn, LocalDate dueOn, long overdueDays, Status status, String words) {

	/** Where an instrument stands. */
	public enum Status {

		NOT_DUE, DUE, OVERDUE

	}

	public static InstrumentStatus of(InstrumentDue due, LocalDate today) {
		return of(due.instrument(), due.everyDays(), due.lastOn(), due.dueOn(), today);
	}

	static InstrumentStatus of(Instrument instrument, @Nullable Integer everyDays, @Nullable LocalDate lastOn,
			LocalDate dueOn, LocalDate today) {
		InstrumentDue due = new InstrumentDue(instrument, (everyDays != null) ? everyDays : 0, lastOn, dueOn);
		Status status = due.overdue(today) ? Status.OVERDUE : due.dueOrOverdue(today) ? Status.DUE : Status.NOT_DUE;
		return new InstrumentStatus(instrument, InstrumentSchedule.name(instrument), everyDays, lastOn, dueOn,
				due.overdueDays(today), status, due.words(today));
	}

}
