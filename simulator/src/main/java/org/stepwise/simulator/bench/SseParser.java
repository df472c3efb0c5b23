package org.stepwise.simulator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An incremental parser of a {@code text/event-stream} (the WHATWG Server-Sent Events
 * format): fed one line at a time (without its line ending), it gives an event when a
 * blank line ends one. Comments ({@code :...}) are skipped, several {@code data} lines
 * are joined with a newline, a single space after the colon is dropped, a field without a
 * colon has an empty value, and a block without data is no event (as the format says).
 * Pure; not thread-safe (one stream, one reader).
 */
final class SseParser {

	/**
	 * One event.
	 *
	 * @param name the {@code event} field, {@code message} when absent
	 * @param id the {@code id} field, or empty
	 * @param data the data lines joined with {@code \n}
	 */
	record Event(String name, String id, String data) {
	}

	private String name = "";

	private String id = "";

	private final List<String> data = new ArrayList<>();

	Optional<Event> line(String line) {
		if (line.endsWith("\r")) {
			line = line.substring(0, line.length() - 1);
		}
		if (line.isEmpty()) {
			return dispatch();
		}
		if (line.startsWith(":")) {
			return Optional.empty();
		}
		int colon = line.indexOf(':');
		String field = (colon < 0) ? line : line.substring(0, colon);
		String value = (colon < 0) ? "" : line.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "event" -> this.name = value;
			case "data" -> this.data.add(value);
			case "id" -> {
				if (!value.contains("\0")) {
					this.id = value;
				}
			}
			default -> {
				// retry and unknown fields: nothing for this client
			}
		}
		return Optional.empty();
	}

	private Optional<Event> dispatch() {
		Optional<Event> event = this.data.isEmpty() ? Optional.empty() : Optional
			.of(new Event(this.name.isEmpty() ? "message" : this.name, this.id, String.join("\n", this.data)));
		this.name = "";
		this.data.clear();
		return event;
	}

}
