package org.stepwise.infra;

import java.nio.file.Path;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend, made durable: the stock backend leaves committing
 * to H2's background writer (about once a second), so a killed process loses acknowledged
 * writes. This one commits the store before it answers each command (a commit with
 * nothing to write costs next to nothing), so what a client saw acknowledged is in the
 * file, even if the process is killed right after. Retention time 0 keeps the file from
 * growing with old versions of the data.
 */
public class DurableH2Backend extends H2Backend {

	private DurableH2Backend(MVStore store) {
		super(store);
	}

	public static DurableH2Backend open(Path file) {
		MVStore store = new MVStore.Builder().fileName(file.toAbsolutePath().toString()).autoCommitDisabled().open();
		store.setRetentionTime(0);
		return new DurableH2Backend(store);
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		try {
			return super.handleCommand(channel, databaseName, command, query);
		}
		finally {
			commit();
		}
	}

	@Override
	public Document handleMessage(MongoMessage message) {
		try {
			return super.handleMessage(message);
		}
		finally {
			commit();
		}
	}

}
