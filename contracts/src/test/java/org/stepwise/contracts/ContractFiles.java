package org.stepwise.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the committed contract files live. Run the contract tests with
 * {@code -Dstepwise.write-contract-files=true} to rewrite the schemas (after a record
 * change) and the golden samples (after adding an event type).
 */
final class ContractFiles {

	static final Path SCHEMAS = Path.of("src", "main", "resources", "schemas");

	static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

	/** Samples of earlier (compatible) shapes of an event, which must keep decoding. */
	static final Path GOLDEN_OLDER = Path.of("src", "test", "resources", "golden-older");

	static final Path ASYNCAPI = Path.of("src", "main", "resources", "asyncapi.yaml");

	private ContractFiles() {
	}

	static boolean rewrite() {
		return Boolean.getBoolean("stepwise.write-contract-files");
	}

	static Path schema(EventType type) {
		return SCHEMAS.resolve(type.type() + ".json");
	}

	static Path golden(EventType type) {
		return GOLDEN.resolve(type.type() + ".json");
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
