package org.stepwise.platform.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Request bodies give times only as RFC 3339 strings with an offset
 * ({@code 2026-03-01T18:00:00Z}, {@code 2026-03-01T12:00:00-06:00}): a number (which
 * Jackson would read as epoch seconds) or a local time without offset is unreadable, so
 * 400.
 */
public final class StrictInstants extends SimpleModule {

	public StrictInstants() {
		super("stepwise-strict-instants");
		addDeserializer(Instant.class, new Rfc3339());
	}

	static final class Rfc3339 extends ValueDeserializer<Instant> {

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				return (Instant) context.handleUnexpectedToken(Instant.class, parser);
			}
			try {
				return OffsetDateTime.parse(parser.getString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
			}
			catch (DateTimeException ex) {
				// no echo of the text: it is the client's
				return (Instant) context.handleWeirdStringValue(Instant.class, "",
						"not an RFC 3339 date-time with offset");
			}
		}

	}

}
