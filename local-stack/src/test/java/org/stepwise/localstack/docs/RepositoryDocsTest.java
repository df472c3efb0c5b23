package org.stepwise.localstack.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation ships with the code: every relative link of the README and of
 * {@code docs/} reaches a file of the repository (and a heading, when it names one), no
 * file cites notes that live outside the repository, every document under {@code docs/}
 * is linked from somewhere, and the README stays short, with the depth in {@code docs/}.
 */
class RepositoryDocsTest {

	/**
	 * Notes a clone of the repository does not have; citing them leaves the reader
	 * stranded. Spelled in pieces so that this file is not a citation itself.
	 */
	static final List<String> OUTSIDE_NOTES = List.of("../" + "shared" + "/", "CLINICAL" + ".md",
			"ARCHITECTURE" + ".md", "INFRA" + "-NOTES");

	static final Set<String> CHECKED_EXTENSIONS = Set.of(".java", ".md", ".yml", ".yaml", ".properties", ".json",
			".xml", ".sh", ".html", ".js");

	static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules", ".stepwise", ".mvn");

	static final long README_LIMIT_BYTES = 12 * 1024;

	/** {@code [text](target)} or {@code ![alt](target "title")}. */
	static final Pattern INLINE_LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	/** {@code [label]: target}. */
	static final Pattern REFERENCE_LINK = Pattern.compile("(?m)^\\s*\\[[^\\]]+\\]:\\s*(\\S+)");

	static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

	final Path root = repositoryRoot();

	@Test
	void everyRelativeLinkOfTheDocumentationResolvesInTheRepository() {
		List<String> broken = new ArrayList<>();
		for (Path document : documents()) {
			for (String target : links(document)) {
				String problem = problem(document, target);
				if (problem != null) {
					broken.add(this.root.relativize(document) + ": " + target + " (" + problem + ")");
				}
			}
		}
		assertThat(broken).as("links that lead nowhere").isEmpty();
		assertThat(documents()).as("README.md and docs/").hasSizeGreaterThan(5);
	}

	@Test
	void noFileCitesNotesThatLiveOutsideTheRepository() {
		List<String> citations = new ArrayList<>();
		for (Path file : repositoryFiles()) {
			List<String> lines = lines(file);
			for (int i = 0; i < lines.size(); i++) {
				for (String note : OUTSIDE_NOTES) {
					if (lines.get(i).contains(note)) {
						citations.add(this.root.relativize(file) + ":" + (i + 1) + " cites " + note);
					}
				}
			}
		}
		assertThat(citations).as("cite docs/clinical-rules.md or docs/architecture.md instead").isEmpty();
	}

	@Test
	void everyDocumentUnderDocsIsLinkedFromTheReadmeOrAnotherDocument() {
		Set<Path> linked = new HashSet<>();
		for (Path document : documents()) {
			for (String target : links(document)) {
				String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
				if (!SCHEME.matcher(target).find() && !path.isEmpty()) {
					linked.add(document.getParent().resolve(path).normalize());
				}
			}
		}
		List<Path> unlinked = documents().stream()
			.filter((document) -> !document.equals(this.root.resolve("README.md")))
			.filter((document) -> !linked.contains(document))
			.map(this.root::relativize)
			.toList();
		assertThat(unlinked).as("documents nobody can find from the README").isEmpty();
	}

	@Test
	void theReadmeIsShortWithTheDepthInDocs() throws IOException {
		assertThat(Files.size(this.root.resolve("README.md"))).as("README.md in bytes").isLessThan(README_LIMIT_BYTES);
	}

	/** Why the link leads nowhere, or null when it reaches its file (and heading). */
	private String problem(Path document, String target) {
		if (SCHEME.matcher(target).find()) {
			return null;
		}
		int hash = target.indexOf('#');
		String path = (hash >= 0) ? target.substring(0, hash) : target;
		String anchor = (hash >= 0) ? target.substring(hash + 1) : "";
		Path file = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
		if (!file.startsWith(this.root)) {
			return "outside the repository";
		}
		if (!Files.exists(file)) {
			return "no such file";
		}
		if (!anchor.isEmpty() && file.toString().endsWith(".md") && !anchors(file).contains(anchor)) {
			return "no such heading";
		}
		return null;
	}

	/** Link targets outside fenced code blocks and code spans. */
	static List<String> links(Path document) {
		StringBuilder prose = new StringBuilder();
		boolean fenced = false;
		for (String line : lines(document)) {
			if (line.strip().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			if (!fenced) {
				prose.append(line.replaceAll("`[^`]*`", "")).append('\n');
			}
		}
		List<String> targets = new ArrayList<>();
		for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_LINK)) {
			Matcher matcher = pattern.matcher(prose);
			while (matcher.find()) {
				targets.add(matcher.group(1));
			}
		}
		return targets;
	}

	/** The anchors GitHub makes of a document's headings. */
	static Set<String> anchors(Path document) {
		Set<String> anchors = new HashSet<>();
		boolean fenced = false;
		for (String line : lines(document)) {
			if (line.strip().startsWith("```")) {
				fenced = !fenced;
			}
			else if (!fenced && line.startsWith("#")) {
				String heading = line.replaceFirst("^#+\\s*", "");
				anchors.add(heading.strip()
					.toLowerCase(Locale.ROOT)
					.replaceAll("[^\\p{L}\\p{N} _-]", "")
					.replace(' ', '-'));
			}
		}
		return anchors;
	}

	private List<Path> documents() {
		List<Path> documents = new ArrayList<>();
		documents.add(this.root.resolve("README.md"));
		try (Stream<Path> files = Files.walk(this.root.resolve("docs"))) {
			files.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return documents;
	}

	private List<Path> repositoryFiles() {
		List<Path> found = new ArrayList<>();
		collect(this.root, found);
		return found;
	}

	private static void collect(Path folder, List<Path> found) {
		try (Stream<Path> entries = Files.list(folder)) {
			for (Path entry : entries.sorted().toList()) {
				String name = entry.getFileName().toString();
				if (Files.isDirectory(entry)) {
					if (!SKIPPED_FOLDERS.contains(name)) {
						collect(entry, found);
					}
				}
				else if (CHECKED_EXTENSIONS.stream().anyMatch(name::endsWith)) {
					found.add(entry);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(file.toString(), ex);
		}
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("a folder above the working directory with docker-compose.yml").isNotNull();
		return dir;
	}

}
