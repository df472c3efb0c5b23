package org.stepwise.alert.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.stepwise.alert.alert.Alert.Transition;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: an alert's history held dozens of identical UPDATED rows, and grew with the
 * patient's record. Identical updates in a row are one row with a count; the list stays
 * bounded and keeps how the alert started, its lifecycle steps and its latest changes.
 */
class AlertHistoryTest {

	static final Instant T0 = Instant.parse("2026-03-04T21:00:00Z");

	@Test
	void identicalUpdatesInARowAreOneRowWithACountAndTheLastTime() {
		List<Transition> history = List.of(step("RAISED", Severity.MEDIUM, 0));
		for (int minute = 1; minute <= 30; minute++) {
			history = AlertHistory.append(history, step("UPDATED", Severity.MEDIUM, minute)).history();
		}
		assertThat(history).extracting(Transition::change).containsExactly("RAISED", "UPDATED");
		assertThat(history.get(1)).satisfies((updated) -> {
			assertThat(updated.count()).isEqualTo(30);
			assertThat(updated.at()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
			assertThat(updated.lastAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
		});
	}

	@Test
	void anUpdateThatChangesSomethingOrAStepBetweenStartsANewRow() {
		List<Transition> history = List.of(step("RAISED", Severity.MEDIUM, 0));
		history = AlertHistory.append(history, step("UPDATED", Severity.MEDIUM, 1)).history();
		history = AlertHistory.append(history, step("UPDATED", Severity.HIGH, 2)).history();
		history = AlertHistory.append(history, step("UPDATED", Severity.HIGH, 3)).history();
		history = AlertHistory
			.append(history,
					new Transition("ACKNOWLEDGED", AlertStatus.ACKNOWLEDGED, Severity.HIGH, "clinician-1", at(4), null))
			.history();
		history = AlertHistory
			.append(history, new Transition("UPDATED", AlertStatus.ACKNOWLEDGED, Severity.HIGH, "system", at(5), null))
			.history();
		assertThat(history).extracting((step) -> step.change() + " " + step.severity() + " x" + step.count())
			.containsExactly("RAISED MEDIUM x1", "UPDATED MEDIUM x1", "UPDATED HIGH x2", "ACKNOWLEDGED HIGH x1",
					"UPDATED HIGH x1");
		assertThat(history.get(1).lastAt()).isNull();
	}

	@Test
	void theHistoryIsBoundedKeepingTheStartTheLifecycleAndTheLatestChanges() {
		List<Transition> history = new ArrayList<>(List.of(step("RAISED", Severity.MEDIUM, 0)));
		int dropped = 0;
		// severity going up and down (a followed level): no two updates in a row alike
		for (int minute = 1; minute <= 200; minute++) {
			Severity severity = (minute % 2 == 0) ? Severity.HIGH : Severity.MEDIUM;
			AlertHistory.Appended appended = AlertHistory.append(history,
					(minute == 100) ? new Transition("ACKNOWLEDGED", AlertStatus.ACKNOWLEDGED, severity, "clinician-1",
							at(minute), "called") : step("UPDATED", severity, minute));
			history = appended.history();
			dropped += appended.dropped();
		}
		assertThat(history).hasSize(AlertHistory.MAX);
		assertThat(dropped).isEqualTo(201 - AlertHistory.MAX);
		assertThat(history.subList(0, AlertHistory.FIRST_KEPT)).extracting(Transition::at)
			.containsExactly(at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7), at(8), at(9));
		assertThat(history).filteredOn((step) -> step.change().equals("ACKNOWLEDGED")).hasSize(1);
		assertThat(history.getLast().at()).isEqualTo(at(200));
		assertThat(history.get(history.size() - 2).at()).isEqualTo(at(199));
	}

	private static Transition step(String change, Severity severity, int minute) {
		return new Transition(change, AlertStatus.OPEN, severity, "system", at(minute), null);
	}

	private static Instant at(int minute) {
		return T0.plus(Duration.ofMinutes(minute));
	}

}
