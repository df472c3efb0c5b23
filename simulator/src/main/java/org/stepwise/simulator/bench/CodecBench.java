package org.stepwise.simulator.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.stepwise.contracts.EventCodec;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.SensitivityLabel;
import org.stepwise.contracts.checkin.CheckInSubmitted;

/**
 * What reading an event costs every consumer: {@link EventCodec#decode} (JSON,
 * CloudEvents attributes, the event's JSON Schema, then the record) beside a bare JSON
 * parse of the same bytes, in the same run. A few rounds, so the JIT has settled by the
 * last ones. Arguments: [events per round, default 50000] [rounds, default 5].
 */
public final class CodecBench {

	private CodecBench() {
	}

	public static void main(String[] args) {
		int perRound = (args.length > 0) ? Integer.parseInt(args[0]) : 50_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 5;
		EventCodec codec = new EventCodec();
		JsonMapper mapper = codec.mapper();
		Instant at = Instant.parse("2026-03-02T18:00:00Z");
		List<byte[]> events = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			events.add(codec.encode(EventEnvelope.of("/bench",
					new CheckInSubmitted("checkin-" + i, "program-a", "patient-" + i, i % 11, 7, i % 2 == 0,
							List.of("alcohol"), new BigDecimal("5.5"), 8, true, Set.of(SensitivityLabel.PART2), at, at),
					at)));
		}
		for (int round = 1; round <= rounds; round++) {
			long start = System.nanoTime();
			for (int i = 0; i < perRound; i++) {
				mapper.readTree(events.get(i % events.size()));
			}
			long parsed = System.nanoTime();
			for (int i = 0; i < perRound; i++) {
				codec.decode(events.get(i % events.size()));
			}
			long decoded = System.nanoTime();
			System.out.printf(
					"round %d: JSON parse (baseline) %,.0f events/s; decode with schema validation %,.0f "
							+ "events/s (%.1f us/event)%n",
					round, perRound / ((parsed - start) / 1e9), perRound / ((decoded - parsed) / 1e9),
					(decoded - parsed) / 1e3 / perRound);
		}
	}

}
