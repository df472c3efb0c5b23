package org.stepwise.alert.alert;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live delivery of alert changes over Server-Sent Events, per program, per clinician (or
 * all), each stream only with the alerts its subscriber may see. Emitters are completed
 * when the application closes, so a shutdown does not wait for open streams.
 */
@Component
public class AlertStream {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	/**
	 * A stream's filters: a program, a clinician (alerts whose care team includes them or
	 * escalated to them), both, or neither (everything).
	 */
	private record Subscriber(SseEmitter emitter, @Nullable String programId, @Nullable String clinicianId,
			Predicate<Alert> visible) {

		boolean wants(Alert alert) {
			return (this.programId == null || this.programId.equals(alert.programId()))
					&& (this.clinicianId == null || alert.routedTo(this.clinicianId)) && this.visible.test(alert);
		}

	}

	/**
	 * A stream of the alerts matching the filters that the subscriber may see:
	 * {@code visible} is asked for each one (and may audit the delivery).
	 */
	public SseEmitter subscribe(@Nullable String programId, @Nullable String clinicianId, Predicate<Alert> visible) {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		Subscriber subscriber = new Subscriber(emitter, programId, clinicianId, visible);
		this.subscribers.add(subscriber);
		emitter.onCompletion(() -> this.subscribers.remove(subscriber));
		emitter.onTimeout(() -> this.subscribers.remove(subscriber));
		emitter.onError((ex) -> this.subscribers.remove(subscriber));
		try {
			// An immediate comment, so the client knows the stream is open before any
			// alert arrives.
			emitter.send(SseEmitter.event().comment("connected"));
		}
		catch (IOException ex) {
			this.subscribers.remove(subscriber);
		}
		return emitter;
	}

	public void publish(Alert alert) {
		for (Subscriber subscriber : this.subscribers) {
			if (subscriber.wants(alert)) {
				try {
					subscriber.emitter().send(SseEmitter.event().name("alert").id(alert.id()).data(alert));
				}
				catch (IOException | IllegalStateException ex) {
					this.subscribers.remove(subscriber);
				}
			}
		}
	}

	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		this.subscribers.forEach((subscriber) -> subscriber.emitter().complete());
		this.subscribers.clear();
	}

}
