package org.stepwise.platform.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries the W3C trace context of the write that produced an event to the code that
 * handles it: {@link #current()} captures the caller's context as a {@code traceparent}
 * value (stored in the outbox entry, sent as the Kafka header {@value #HEADER}), and
 * {@link #continueTrace} opens a consumer span in that trace around the handling of a
 * batch. Without a tracer (tracing switched off) both do nothing.
 */
public final class EventTracing {

	/** The Kafka record header, named as in W3C Trace Context. */
	public static final String HEADER = "traceparent";

	/** Further traces of one batch kept as span links; more would only bloat the span. */
	static final int MAX_LINKS = 32;

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

	private static final EventTracing NONE = new EventTracing(null, null);

	private final Tracer tracer;

	private final Propagator propagator;

	public EventTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	public static EventTracing none() {
		return NONE;
	}

	/**
	 * The {@code traceparent} of the current span, or {@code null} outside any trace.
	 */
	public String current() {
		if (this.tracer == null) {
			return null;
		}
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(HEADER);
	}

	/**
	 * Starts a consumer span named {@code name} as a child of the first valid
	 * {@code traceparent} (the other traces of the batch become links) and makes it
	 * current: log lines get its trace id, and outbox entries written inside carry it on.
	 * Without any valid trace context a new trace starts. Close the returned scope when
	 * done.
	 */
	public Scope continueTrace(String name, List<String> traceparents) {
		if (this.tracer == null) {
			return Scope.NOOP;
		}
		String parent = null;
		Span.Builder builder = null;
		int links = 0;
		for (String traceparent : traceparents) {
			if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
				continue;
			}
			if (parent == null) {
				parent = traceparent;
				builder = this.propagator.extract(Map.of(HEADER, traceparent), Map::get);
			}
			else if (!sameTrace(parent, traceparent) && links < MAX_LINKS) {
				builder.addLink(new Link(context(traceparent)));
				links++;
			}
		}
		if (builder == null) {
			builder = this.tracer.spanBuilder();
		}
		Span span = builder.name(name).kind(Span.Kind.CONSUMER).start();
		Tracer.SpanInScope inScope = this.tracer.withSpan(span);
		return () -> {
			inScope.close();
			span.end();
		};
	}

	private TraceContext context(String traceparent) {
		String[] parts = traceparent.split("-");
		return this.tracer.traceContextBuilder()
			.traceId(parts[1])
			.spanId(parts[2])
			.sampled((Integer.parseInt(parts[3], 16) & 1) == 1)
			.build();
	}

	private static boolean sameTrace(String a, String b) {
		return a.regionMatches(3, b, 3, 32);
	}

	/** The span of a handled batch; closing ends it. */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		Scope NOOP = () -> {
		};

		@Override
		void close();

	}

}
