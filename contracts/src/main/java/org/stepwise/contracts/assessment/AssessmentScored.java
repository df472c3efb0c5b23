package org.stepwise.contracts.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.stepwise.contracts.Identifier;
import org.stepwise.contracts.Range;
import org.stepwise.contracts.SensitivityLabel;

/**
 * A standardized instrument, validated and scored at the source.
 *
 * @param items item-level responses by item id (e.g. {@code "9"} for PHQ-9 item 9,
 * {@code "7A"} for BAM)
 * @param total the total score; null for instruments without one (UDS, C-SSRS)
 * @param subscales subscale scores by name (BAM: {@code use}, {@code risk},
 * {@code protective})
 * @param band the severity band or result, e.g. {@code moderate}, {@code positive},
 * {@code emergent}
 * @param analytes drug-screen results, empty for other instruments
 * @param safety the safety level found at the source
 * @param occurredAt clinical time: when the instrument was taken
 */
public record AssessmentScored(String assessmentId, @Identifier String programId, @Identifier String patientId,
		Instrument instrument, Map<String, @Range(min = 0, max = 6) Integer> items,
		@Nullable @Range(min = 0, max = 36) Integer total, Map<String, @Range(min = 0, max = 24) Integer> subscales,
		String band, List<AnalyteResult> analytes, SafetyLevel safety, Set<SensitivityLabel> labels, Instant occurredAt,
		Instant recordedAt) implements AssessmentEvent {
}
