package org.stepwise.localstack.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Backup and restore of a data directory (the store file, the broker's logs, the identity
 * provider's keys and users, the services' logs) by stop-and-copy: both refuse while a
 * stack runs on the directory (the store file and the broker's log directory are locked
 * while it does), so the copy is consistent. A backup is the directory's files as they
 * are plus {@value #MANIFEST}: the time, the source, and each file's size and SHA-256; a
 * restore checks every file against it before it replaces anything.
 */
final class DataDirOps {

	static final String MANIFEST = "stepwise-backup.manifest";

	private static final String HEADER = "# Stepwise data directory backup";

	/** Files a running stack holds locked: the store, the broker's log directory. */
	static final List<Path> LOCKED_WHILE_RUNNING = List.of(Path.of("mongo", "stepwise.mv"),
			Path.of("kafka", "logs", ".lock"));

	private final PrintStream out;

	private final Clock clock;

	DataDirOps(PrintStream out, Clock clock) {
		this.out = out;
		this.clock = clock;
	}

	int backup(Path dataDir, Path to) {
		requireStopped(dataDir);
		if (!Files.isDirectory(dataDir)) {
			throw new OpsException("No data directory at " + dataDir);
		}
		if (Files.exists(to) && !isEmptyDirectory(to)) {
			throw new OpsException("The backup directory " + to + " is not empty: choose a new one");
		}
		try {
			Path partial = to.resolveSibling(to.getFileName() + ".partial");
			deleteTree(partial);
			Map<String, Entry> entries = copyTree(dataDir, partial);
			Files.writeString(partial.resolve(MANIFEST), manifest(dataDir, entries), StandardCharsets.UTF_8);
			// the backup appears whole or not at all
			Files.deleteIfExists(to);
			Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
			long bytes = entries.values().stream().mapToLong(Entry::size).sum();
			this.out.printf("Backed up %s to %s: %d files, %d bytes (manifest %s)%n", dataDir, to, entries.size(),
					bytes, MANIFEST);
			return 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int restore(Path from, Path dataDir, boolean replace) {
		Map<String, Entry> expected = readManifest(from);
		List<String> faults = verify(from, expected);
		if (!faults.isEmpty()) {
			throw new OpsException("The backup in " + from + " does not match its manifest, nothing restored:\n  "
					+ String.join("\n  ", faults));
		}
		requireStopped(dataDir);
		try {
			Path kept = null;
			if (Files.exists(dataDir) && !isEmptyDirectory(dataDir)) {
				if (!replace) {
					throw new OpsException("The data directory " + dataDir
							+ " holds data: restore into a new one, or add --replace (the old one is kept beside it)");
				}
				kept = dataDir.resolveSibling(
						dataDir.getFileName() + ".before-restore-" + this.clock.instant().toString().replace(':', '-'));
			}
			Path partial = dataDir.resolveSibling(dataDir.getFileName() + ".restoring");
			deleteTree(partial);
			Files.createDirectories(partial);
			for (String file : expected.keySet()) {
				Path target = partial.resolve(file);
				Files.createDirectories(target.getParent());
				Files.copy(from.resolve(file), target, StandardCopyOption.COPY_ATTRIBUTES);
			}
			if (kept != null) {
				Files.move(dataDir, kept, StandardCopyOption.ATOMIC_MOVE);
			}
			Files.deleteIfExists(dataDir);
			Files.move(partial, dataDir, StandardCopyOption.ATOMIC_MOVE);
			this.out.printf("Restored %d files from %s into %s (checked against %s)%s%n", expected.size(), from,
					dataDir, MANIFEST, (kept != null) ? "; the old data is in " + kept : "");
			return 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Refuses while a stack holds the data directory. */
	static void requireStopped(Path dataDir) {
		for (Path file : LOCKED_WHILE_RUNNING) {
			if (lockedByAnother(dataDir.resolve(file))) {
				throw new OpsException("Stepwise is running on " + dataDir + " (" + file
						+ " is locked): stop it first (Ctrl-C in its terminal), then run this again");
			}
		}
	}

	static boolean lockedByAnother(Path file) {
		if (!Files.isRegularFile(file)) {
			return false;
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return true;
			}
			lock.release();
			return false;
		}
		catch (OverlappingFileLockException ex) {
			// held in this very JVM (a test's, or an embedded stack's)
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private Map<String, Entry> copyTree(Path from, Path to) throws IOException {
		Map<String, Entry> entries = new LinkedHashMap<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(from)) {
			files = walk.filter(Files::isRegularFile).sorted().toList();
		}
		for (Path file : files) {
			String name = from.relativize(file).toString().replace('\\', '/');
			Path target = to.resolve(name);
			Files.createDirectories(target.getParent());
			Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
			entries.put(name, new Entry(Files.size(target), sha256(target)));
		}
		return entries;
	}

	private String manifest(Path dataDir, Map<String, Entry> entries) {
		StringBuilder text = new StringBuilder(HEADER).append('\n');
		text.append("created=").append(Instant.now(this.clock)).append('\n');
		text.append("source=").append(dataDir.toAbsolutePath().normalize()).append('\n');
		text.append("files=").append(entries.size()).append('\n');
		text.append("bytes=").append(entries.values().stream().mapToLong(Entry::size).sum()).append('\n');
		// as sha256sum prints it, plus the size
		entries.forEach((name, entry) -> text.append(entry.sha256())
			.append("  ")
			.append(entry.size())
			.append("  ")
			.append(name)
			.append('\n'));
		return text.toString();
	}

	static Map<String, Entry> readManifest(Path backup) {
		Path manifest = backup.resolve(MANIFEST);
		if (!Files.isRegularFile(manifest)) {
			throw new OpsException("No " + MANIFEST + " in " + backup + ": not a Stepwise backup");
		}
		Map<String, Entry> entries = new LinkedHashMap<>();
		try {
			List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
			if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
				throw new OpsException(manifest + " is not a Stepwise backup manifest");
			}
			for (String line : lines) {
				if (line.startsWith("#") || line.contains("=") && !line.contains("  ")) {
					continue;
				}
				String[] parts = line.split("  ", 3);
				if (parts.length != 3) {
					throw new OpsException(manifest + " has a line it cannot read: " + line);
				}
				String name = parts[2];
				if (name.startsWith("/") || Path.of(name).normalize().startsWith("..")) {
					throw new OpsException(manifest + " names a file outside the backup: " + name);
				}
				entries.put(name, new Entry(Long.parseLong(parts[1]), parts[0]));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries;
	}

	/** What does not match: missing, changed or extra files. */
	static List<String> verify(Path backup, Map<String, Entry> expected) {
		List<String> faults = new ArrayList<>();
		try {
			expected.forEach((name, entry) -> {
				Path file = backup.resolve(name);
				try {
					if (!Files.isRegularFile(file)) {
						faults.add("missing: " + name);
					}
					else if (Files.size(file) != entry.size() || !sha256(file).equals(entry.sha256())) {
						faults.add("changed: " + name);
					}
				}
				catch (IOException ex) {
					faults.add("unreadable: " + name);
				}
			});
			try (Stream<Path> walk = Files.walk(backup)) {
				walk.filter(Files::isRegularFile)
					.map((file) -> backup.relativize(file).toString().replace('\\', '/'))
					.filter((name) -> !name.equals(MANIFEST) && !expected.containsKey(name))
					.sorted()
					.forEach((name) -> faults.add("not in the manifest: " + name));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return faults;
	}

	static String sha256(Path file) throws IOException {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static boolean isEmptyDirectory(Path dir) {
		if (!Files.isDirectory(dir)) {
			return false;
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.findAny().isEmpty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	record Entry(long size, String sha256) {
	}

}
