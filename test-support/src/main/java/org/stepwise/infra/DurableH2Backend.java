package org.stepwise.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend, made durable and safe under concurrent clients.
 * <ul>
 * <li>Durable: the stock backend leaves committing to H2's background writer (about once
 * a second), so a killed process loses acknowledged writes. This one commits the store
 * before it answers each command that may write, so what a client saw acknowledged is in
 * the file, even if the process is killed right after.</li>
 * <li>One writer at a time: a commit stores every changed page of the whole store, and
 * the stock code updates a document in place before it puts it back, so a commit running
 * beside another client's update stored a document half changed (or, with
 * {@link BsonDocumentType}, failed on it). Reads run beside writes, as before: a read
 * lock would make every scan hold up every write.</li>
 * <li>Old versions of pages are kept for {@value #RETENTION_MILLIS} ms after a commit, so
 * a scan running beside commits still finds the pages it walks (at 0, which kept the file
 * smallest, scans failed with "chunk not found"); the file holds about that much more
 * history.</li>
 * <li>Documents as BSON, index keys ordered by value ({@link BsonH2Database}).</li>
 * </ul>
 */
public class DurableH2Backend extends H2Backend {

	/** Commands that never change the store (aggregations unless they write). */
	private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "aggregate",
			"listcollections", "listindexes", "listdatabases", "collstats", "dbstats", "ping", "hello", "ismaster",
			"buildinfo", "serverstatus", "connectionstatus", "whatsmyuri", "getparameter", "getlasterror",
			"killcursors", "endsessions", "getcmdlineopts", "hostinfo", "getlog");

	static final int RETENTION_MILLIS = 10_000;

	private final Lock writer = new ReentrantLock();

	private DurableH2Backend(MVStore store) {
		super(store);
	}

	public static DurableH2Backend open(Path file) {
		MVStore store = new MVStore.Builder().fileName(file.toAbsolutePath().toString()).autoCommitDisabled().open();
		store.setRetentionTime(RETENTION_MILLIS);
		return new DurableH2Backend(store);
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return BsonH2Database.open(databaseName, getMvStore(), getCursorRegistry());
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		if (reads(command, query)) {
			return super.handleCommand(channel, databaseName, command, query);
		}
		this.writer.lock();
		try {
			return super.handleCommand(channel, databaseName, command, query);
		}
		finally {
			try {
				commit();
			}
			finally {
				this.writer.unlock();
			}
		}
	}

	static boolean reads(String command, Document query) {
		String name = command.toLowerCase(Locale.ROOT);
		if (name.equals("aggregate") && query.get("pipeline") instanceof List<?> pipeline) {
			return pipeline.stream()
				.noneMatch(
						(stage) -> stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
		}
		return READS.contains(name);
	}

}
