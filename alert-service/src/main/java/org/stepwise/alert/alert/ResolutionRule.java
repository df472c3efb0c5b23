package org.stepwise.alert.alert;

import java.util.Arrays;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;

/**
 * Whether a clinician may resolve an active alert now (pure, no I/O). A CRITICAL or HIGH
 * alert is acknowledged before it is resolved (someone took it on before anyone closes
 * it), and its resolution carries a note of at least {@value #MIN_NOTE_WORDS} words (what
 * was done, for the next clinician). A MEDIUM or LOW alert may be resolved from OPEN with
 * or without a note.
 */
final class ResolutionRule {

	/** Severities that need an acknowledgement and a note before they resolve. */
	static final Set<Severity> ACKNOWLEDGE_FIRST = Set.of(Severity.CRITICAL, Severity.HIGH);

	static final int MIN_NOTE_WORDS = 3;

	enum Verdict {

		ALLOWED, ACKNOWLEDGE_FIRST, NOTE_TOO_SHORT

	}

	private ResolutionRule() {
	}

	/** The verdict on resolving an active alert of this severity and status. */
	static Verdict check(Severity severity, AlertStatus status, @Nullable String note) {
		if (!ACKNOWLEDGE_FIRST.contains(severity)) {
			return Verdict.ALLOWED;
		}
		if (status == AlertStatus.OPEN) {
			return Verdict.ACKNOWLEDGE_FIRST;
		}
		return (words(note) >= MIN_NOTE_WORDS) ? Verdict.ALLOWED : Verdict.NOTE_TOO_SHORT;
	}

	/** Words: runs of non-blank characters with at least one letter or digit. */
	static long words(@Nullable String note) {
		if (note == null) {
			return 0;
		}
		return Arrays.stream(note.strip().split("\\s+"))
			.filter((word) -> word.codePoints().anyMatch(Character::isLetterOrDigit))
			.count();
	}

}
