package org.stepwise.simulator.bench;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

	private static List<SseParser.Event> parse(String stream) {
		SseParser parser = new SseParser();
		List<SseParser.Event> events = new ArrayList<>();
		for (String line : stream.split("\n", -1)) {
			parser.line(line).ifPresent(events::add);
		}
		return events;
	}

	@Test
	void readsSpringSseEmitterOutput() {
		// What SseEmitter writes: the "connected" comment, then event/id/data blocks.
		List<SseParser.Event> events = parse(":connected\n\nevent:alert\nid:a-1\ndata:{\"kind\":\"SAFETY\"}\n\n"
				+ "event:alert\nid:a-2\ndata:{\"kind\":\"DISENGAGEMENT\"}\n\n");
		assertThat(events).containsExactly(new SseParser.Event("alert", "a-1", "{\"kind\":\"SAFETY\"}"),
				new SseParser.Event("alert", "a-2", "{\"kind\":\"DISENGAGEMENT\"}"));
	}

	@Test
	void joinsDataLinesDropsOneLeadingSpaceAndCarriageReturns() {
		List<SseParser.Event> events = parse("data: first\r\ndata:  second\r\ndata\r\n\r\n");
		assertThat(events).containsExactly(new SseParser.Event("message", "", "first\n second\n"));
	}

	@Test
	void blocksWithoutDataAreNoEventsAndNamesDoNotLeakIntoTheNextEvent() {
		List<SseParser.Event> events = parse("event:alert\nid:7\n\ndata:x\n\nretry:1000\nfoo:bar\n: keep-alive\n\n");
		// the id persists (the last event id of the stream), the name does not
		assertThat(events).containsExactly(new SseParser.Event("message", "7", "x"));
	}

	@Test
	void anUnfinishedEventIsNotGiven() {
		assertThat(parse("event:alert\ndata:{}")).isEmpty();
	}

}
