package org.stepwise.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium on the stack's clinician console, set up as alert-service's
 * ConsoleBrowserTest does (Debian's chromium and chromium-driver, installed by .ci/run):
 * signs in through the identity provider's login form, checks the pages against their
 * Content-Security-Policy and with axe-core, and saves screenshots under
 * target/screenshots. Without the browser the test is skipped, except in CI.
 */
final class ConsoleBrowser implements AutoCloseable {

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	final WebDriver driver;

	private final String console;

	private final String issuer;

	private final Path profile;

	private ConsoleBrowser(WebDriver driver, String console, String issuer, Path profile) {
		this.driver = driver;
		this.console = console;
		this.issuer = issuer;
		this.profile = profile;
	}

	/** Chromium for the console at {@code console}, whose provider is {@code issuer}. */
	static ConsoleBrowser open(String console, String issuer) throws IOException {
		boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
		// In CI the browser must be there (.ci/run installs it); elsewhere its absence
		// skips.
		if (!installed && System.getenv("CI") != null) {
			throw new IllegalStateException("CI needs " + CHROMIUM + " and " + CHROMEDRIVER);
		}
		assumeTrue(installed, "chromium and chromium-driver are not installed");
		Path profile = Files.createTempDirectory("stepwise-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
				"--no-first-run", "--disable-extensions", "--window-size=1280,1000", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		return new ConsoleBrowser(new ChromeDriver(service, options), console, issuer, profile);
	}

	/**
	 * Opens a console page; when the console sends the browser to the identity provider,
	 * signs in with its login form (a provider session still valid signs in without it).
	 */
	void signIn(String path, String user, String password) {
		this.driver.get(this.console + path);
		waitFor().until((driver) -> driver.getCurrentUrl().startsWith(this.console + "/")
				|| !driver.findElements(By.id("username")).isEmpty());
		if (this.driver.getCurrentUrl().startsWith(this.issuer)) {
			this.driver.findElement(By.id("username")).sendKeys(user);
			this.driver.findElement(By.id("password")).sendKeys(password);
			this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		}
		// the provider's CSP (form-action) must name the console, or the browser stays
		// on the login page
		waitFor().withMessage("back on the console after signing in")
			.until((driver) -> driver.getCurrentUrl().equals(this.console + path));
	}

	/**
	 * The pages re-render their lists when data arrives, so an element found one moment
	 * may be replaced the next: a stale one is looked up again, not a failure.
	 */
	WebDriverWait waitFor() {
		WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(20));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/** Chromium reports every refused script, style or connection on the console. */
	void assertNoPolicyViolations() {
		List<String> violations = this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy") || message.contains("Refused to"))
			.toList();
		assertThat(violations).isEmpty();
	}

	/**
	 * axe-core (the npm package's webjar) on the page as it is: no serious or critical
	 * violation of WCAG 2.x A/AA or best practice.
	 */
	@SuppressWarnings("unchecked")
	void assertAccessible(String page) {
		JavascriptExecutor js = (JavascriptExecutor) this.driver;
		js.executeScript(Axe.SCRIPT);
		Map<String, Object> results = (Map<String, Object>) js
			.executeAsyncScript("const done = arguments[arguments.length - 1];"
					+ "axe.run(document, { resultTypes: ['violations'] }).then((r) => done({ violations: "
					+ "r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, "
					+ "targets: v.nodes.map((n) => n.target.join(' ')) })) }), (e) => done({ error: String(e) }));");
		assertThat(results.get("error")).as("axe on " + page).isNull();
		List<Map<String, Object>> serious = ((List<Map<String, Object>>) results.get("violations")).stream()
			.filter((violation) -> Set.of("serious", "critical").contains(violation.get("impact")))
			.toList();
		assertThat(serious).as("serious or critical accessibility violations on " + page).isEmpty();
	}

	/** A picture of the page as a clinician sees it, under target/screenshots. */
	Path screenshot(String name) throws IOException {
		this.driver.manage().window().setSize(new Dimension(1280, 1000));
		return save(name);
	}

	/**
	 * The whole page, charts and all: the window as tall as the document for the picture,
	 * then back.
	 */
	Path fullPageScreenshot(String name) throws IOException {
		long height = ((Number) script("return document.documentElement.scrollHeight;")).longValue();
		this.driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 120, 6000)));
		try {
			return save(name);
		}
		finally {
			this.driver.manage().window().setSize(new Dimension(1280, 1000));
		}
	}

	private Path save(String name) throws IOException {
		Path directory = Path.of("target", "screenshots");
		Files.createDirectories(directory);
		Path file = directory.resolve(name + ".png");
		Files.write(file, ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
		return file;
	}

	@Override
	public void close() throws IOException {
		this.driver.quit();
		try (Stream<Path> files = Files.walk(this.profile)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	/**
	 * axe-core's script, from the webjar on the test class path (whatever its version).
	 */
	private static final class Axe {

		static final String SCRIPT = load();

		private static String load() {
			try (InputStream pom = resource("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
				Properties properties = new Properties();
				properties.load(pom);
				try (InputStream script = resource(
						"/META-INF/resources/webjars/axe-core/" + properties.getProperty("version") + "/axe.min.js")) {
					return new String(script.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static InputStream resource(String name) {
			InputStream in = ConsoleBrowser.class.getResourceAsStream(name);
			if (in == null) {
				throw new IllegalStateException("axe-core webjar not on the test class path: " + name);
			}
			return in;
		}

	}

}
