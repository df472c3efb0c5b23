package org.stepwise.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonValue;

/**
 * The write commands a service sends to the store while a test's action runs, as
 * "{@code insert checkins}", "{@code update patients (3)}" (a bulk write of three
 * documents): how a test holds a request to its budget of store writes (issue 19).
 * Commands of the outbox relay are left out: it publishes after the request has been
 * answered. Registered with every service test's MongoDB client by
 * {@link InfrastructureInitializer}; it records nothing unless asked.
 */
public final class StoreWrites implements CommandListener {

	static final StoreWrites LISTENER = new StoreWrites();

	private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify", "bulkWrite");

	/** Where a command lists the documents it writes (in its body, not a sequence). */
	private static final Map<String, String> DOCUMENTS = Map.of("insert", "documents", "update", "updates", "delete",
			"deletes");

	private static final String RELAY_THREAD = "outbox-relay";

	private volatile List<String> recording;

	private volatile boolean readsToo;

	private StoreWrites() {
	}

	/**
	 * The write commands sent while {@code action} ran, in order, without the outbox
	 * relay's.
	 */
	public static List<String> during(Runnable action) {
		return record(action, false);
	}

	/**
	 * Every command sent while {@code action} ran, reads ("{@code find programs}") as
	 * well as writes, without the outbox relay's.
	 */
	public static List<String> commandsDuring(Runnable action) {
		return record(action, true);
	}

	private static synchronized List<String> record(Runnable action, boolean readsToo) {
		List<String> commands = Collections.synchronizedList(new ArrayList<>());
		LISTENER.readsToo = readsToo;
		LISTENER.recording = commands;
		try {
			action.run();
		}
		finally {
			LISTENER.recording = null;
		}
		return List.copyOf(commands);
	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		List<String> commands = this.recording;
		if (commands == null || !(this.readsToo || WRITES.contains(event.getCommandName()))
				|| RELAY_THREAD.equals(Thread.currentThread().getName())) {
			return;
		}
		BsonValue collection = event.getCommand().get(event.getCommandName());
		BsonValue documents = event.getCommand().get(DOCUMENTS.getOrDefault(event.getCommandName(), ""));
		int count = (documents != null && documents.isArray()) ? documents.asArray().size() : 1;
		commands.add(event.getCommandName() + " "
				+ ((collection != null && collection.isString()) ? collection.asString().getValue() : "?")
				+ ((count > 1) ? " (" + count + ")" : ""));
	}

}
