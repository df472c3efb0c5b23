package org.stepwise.localstack.ops;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import org.stepwise.infra.MongoWireServer;

/**
 * {@code ./stepwise ops <command>}: operations on a local stack's broker and data
 * directory. Exit status 0 when all is well, 1 when a check found a fault (a broken audit
 * chain), 2 for a usage error or a refusal.
 */
public final class Ops {

	static final String USAGE = """
			Usage: stepwise ops <command> [--data-dir DIR] [--kafka HOST:PORT]
			  dead-letters list [--topic T]                 the <topic>.dlt records: place, time, source, reason
			  dead-letters inspect <dlt-topic> <[partition:]offset> [--show-data]
			                                                one dead letter; key and value (patient data) only with --show-data
			  dead-letters redrive [--topic T] [--reason-contains S] [--dry-run]
			                                                send dead letters back to their topic, each once
			  audit verify [--service S] [--mongo URI]      check the audit chains in the store (services may be down)
			  backup --to DIR                               copy the data directory (the stack must be stopped)
			  restore --from DIR [--replace]                check a backup against its manifest and restore it
			Defaults: --data-dir .stepwise/data, --kafka 127.0.0.1:9092, --mongo mongodb://127.0.0.1:27017 while the
			stack runs (else the store file of --data-dir is opened directly).""";

	private static final Set<String> FLAGS = Set.of("--show-data", "--dry-run", "--replace");

	private Ops() {
	}

	public static void main(String[] args) {
		System.exit(run(System.out, args));
	}

	/**
	 * Runs one command, printing to {@code out}.
	 * @return the exit status: 0 done, 1 a check found a problem, 2 a refusal
	 */
	public static int run(PrintStream out, String... args) {
		if (args.length == 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
			out.println(USAGE);
			return (args.length == 0) ? 2 : 0;
		}
		try {
			return dispatch(out, Arguments.parse(args));
		}
		catch (OpsException ex) {
			System.err.println(ex.getMessage());
			return 2;
		}
		catch (RuntimeException ex) {
			// a broker or store that does not answer: say which, without a stack trace
			System.err.println("Failed: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return 2;
		}
	}

	private static int dispatch(PrintStream out, Arguments args) {
		String command = String.join(" ", args.words().subList(0, Math.min(2, args.words().size())));
		Path dataDir = Path.of(args.option("--data-dir", ".stepwise/data"));
		String kafka = args.option("--kafka", "127.0.0.1:9092");
		if (command.equals("dead-letters list")) {
			try (DeadLetterOps ops = new DeadLetterOps(kafka, out)) {
				return ops.list(args.option("--topic", null));
			}
		}
		if (command.equals("dead-letters inspect")) {
			if (args.words().size() != 4) {
				throw new OpsException("dead-letters inspect needs <dlt-topic> <[partition:]offset>\n" + USAGE);
			}
			try (DeadLetterOps ops = new DeadLetterOps(kafka, out)) {
				return ops.inspect(args.words().get(2), args.words().get(3), args.flag("--show-data"));
			}
		}
		if (command.equals("dead-letters redrive")) {
			try (DeadLetterOps ops = new DeadLetterOps(kafka, out)) {
				return ops.redrive(args.option("--topic", null), args.option("--reason-contains", null),
						args.flag("--dry-run"));
			}
		}
		if (command.equals("audit verify")) {
			return auditVerify(out, dataDir, args.option("--mongo", null), args.option("--service", null));
		}
		if (command.startsWith("backup")) {
			return new DataDirOps(out, Clock.systemUTC()).backup(dataDir, Path.of(args.required("--to")));
		}
		if (command.startsWith("restore")) {
			return new DataDirOps(out, Clock.systemUTC()).restore(Path.of(args.required("--from")), dataDir,
					args.flag("--replace"));
		}
		throw new OpsException(USAGE);
	}

	/**
	 * Reads the running stack's store, or, with the stack stopped, opens the data
	 * directory's store file itself.
	 */
	static int auditVerify(PrintStream out, Path dataDir, String mongoUri, String service) {
		Path storeFile = dataDir.resolve("mongo").resolve("stepwise.mv");
		if (mongoUri == null && !DataDirOps.lockedByAnother(storeFile)) {
			if (!java.nio.file.Files.isRegularFile(storeFile)) {
				throw new OpsException("No store at " + storeFile + " (and no --mongo)");
			}
			try (MongoWireServer store = MongoWireServer.durable(storeFile, 0);
					MongoClient client = MongoClients.create(store.connectionString())) {
				return AuditVerifyOps.print(AuditVerifyOps.verify(client, service), service, out);
			}
		}
		String uri = (mongoUri != null) ? mongoUri : "mongodb://127.0.0.1:27017";
		try (MongoClient client = MongoClients.create(uri)) {
			return AuditVerifyOps.print(AuditVerifyOps.verify(client, service), service, out);
		}
	}

	/** Words (the command and its operands) and {@code --name value} options. */
	record Arguments(List<String> words, Map<String, String> options) {

		static Arguments parse(String... args) {
			List<String> words = new ArrayList<>();
			Map<String, String> options = new HashMap<>();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if (FLAGS.contains(arg)) {
					options.put(arg, "true");
				}
				else if (arg.startsWith("--")) {
					if (i + 1 >= args.length) {
						throw new OpsException("Option " + arg + " needs a value\n" + USAGE);
					}
					options.put(arg, args[++i]);
				}
				else {
					words.add(arg);
				}
			}
			if (words.isEmpty()) {
				throw new OpsException(USAGE);
			}
			return new Arguments(List.copyOf(words), Map.copyOf(options));
		}

		String option(String name, String otherwise) {
			return this.options.getOrDefault(name, otherwise);
		}

		String required(String name) {
			String value = this.options.get(name);
			if (value == null) {
				throw new OpsException(name + " is required\n" + USAGE);
			}
			return value;
		}

		boolean flag(String name) {
			return this.options.containsKey(name);
		}

		@Override
		public String toString() {
			return Arrays.toString(this.words.toArray());
		}

	}

}
