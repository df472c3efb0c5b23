package org.stepwise.alert.alert;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live delivery of alert changes over Server-Sent Events, per program (or all). Emitters
 * are completed when the application closes, so a shutdown does not wait for open
 * streams.
 */
@Component
public class AlertStream {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	private record Subscriber(SseEmitter emitter, @Nullable String programId) {
	}

	public SseEmitter subscribe(@Nullable String programId) {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		Subscriber subscriber = new Subscriber(emitter, programId);
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
			if (subscriber.programId() == null || subscriber.programId().equals(alert.programId())) {
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
