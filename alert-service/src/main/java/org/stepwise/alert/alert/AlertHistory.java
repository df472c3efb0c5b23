package org.stepwise.alert.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.stepwise.alert.alert.Alert.Transition;

/**
 * An alert's history stays readable and bounded however long the patient's record grows
 * (pure, no I/O). An {@code UPDATED} identical to the one before it (same status,
 * severity and actor, no note: the same evidence evaluated again) is merged into it,
 * counting the repeats and when the last one happened. Past {@value #MAX} transitions,
 * the oldest after the first {@value #FIRST_KEPT} is dropped, never a lifecycle step
 * ({@link #LIFECYCLE}), and the alert counts what it dropped.
 */
final class AlertHistory {

	/** The most transitions an alert keeps. */
	static final int MAX = 50;

	/** The first transitions always kept: how the alert started. */
	static final int FIRST_KEPT = 10;

	/** Transitions never dropped (at most one of each per alert). */
	static final Set<String> LIFECYCLE = Set.of("RAISED", "ACKNOWLEDGED", "RESOLVED", "AUTO_RESOLVED");

	static final String UPDATED = "UPDATED";

	/** A history with one transition more, and how many it dropped to stay bounded. */
	record Appended(List<Transition> history, int dropped) {
	}

	private AlertHistory() {
	}

	static Appended append(List<Transition> history, Transition next) {
		List<Transition> steps = new ArrayList<>(history);
		Transition last = steps.isEmpty() ? null : steps.getLast();
		if (last != null && repeats(last, next)) {
			steps.set(steps.size() - 1, last.repeated(next));
			return new Appended(steps, 0);
		}
		steps.add(next);
		int dropped = 0;
		while (steps.size() > MAX) {
			int oldest = oldestDroppable(steps);
			if (oldest < 0) {
				break;
			}
			steps.remove(oldest);
			dropped++;
		}
		return new Appended(steps, dropped);
	}

	/**
	 * Whether {@code next} is {@code last} again: the same update, nothing new to read.
	 */
	static boolean repeats(Transition last, Transition next) {
		return UPDATED.equals(next.change()) && UPDATED.equals(last.change()) && last.status() == next.status()
				&& last.severity() == next.severity() && Objects.equals(last.by(), next.by()) && last.note() == null
				&& next.note() == null;
	}

	private static int oldestDroppable(List<Transition> steps) {
		// the newest is never dropped: it was just added
		for (int i = FIRST_KEPT; i < steps.size() - 1; i++) {
			if (!LIFECYCLE.contains(steps.get(i).change())) {
				return i;
			}
		}
		return -1;
	}

}
