package org.stepwise.alert.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.alert.alert.Alert;
import org.stepwise.alert.alert.AlertRepository;
import org.stepwise.alert.caseload.CaseloadRepository;
import org.stepwise.contracts.EventEnvelope;
import org.stepwise.contracts.Severity;
import org.stepwise.contracts.alert.AlertStatus;
import org.stepwise.contracts.assessment.AssessmentScored;
import org.stepwise.contracts.assessment.Instrument;
import org.stepwise.contracts.assessment.SafetyLevel;
import org.stepwise.contracts.attendance.AttendanceRecorded;
import org.stepwise.contracts.attendance.AttendanceStatus;
import org.stepwise.contracts.attendance.SessionType;
import org.stepwise.contracts.checkin.CheckInSubmitted;
import org.stepwise.contracts.plan.ChangeDirection;
import org.stepwise.contracts.plan.LevelOfCare;
import org.stepwise.contracts.plan.PlanChanged;
import org.stepwise.contracts.plan.PlanMode;
import org.stepwise.contracts.plan.PlanPhase;
import org.stepwise.contracts.plan.Reason;
import org.stepwise.contracts.progress.LapseRisk;
import org.stepwise.contracts.progress.LapseRiskLevel;
import org.stepwise.contracts.progress.ProgressAssessed;
import org.stepwise.contracts.progress.RiskLevel;
import org.stepwise.contracts.progress.SignalFired;
import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The clinician console in real headless Chromium (Debian's chromium and chromium-driver,
 * installed by .ci/run) against the real broker and database, signed in through the real
 * identity provider's login form (clinician-a1 / demo): an alert appears live in the
 * inbox, most severe first, without a reload; the clinician acknowledges it from the page
 * (the step is theirs, from the sign-in); the patient page explains an alert, and still
 * shows when plan-service does not answer; the pages break no rule of their
 * Content-Security-Policy; a POST of the session without its CSRF token is refused;
 * signing out ends the session. No plan-service runs here: the patient page with a real
 * plan, its signals, charts and an approved recommendation is tested on the whole stack
 * (local-stack's LocalStackTest, PatientPageJourney).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = { InfrastructureInitializer.class, IdentityProviderInitializer.class })
class ConsoleBrowserTest {

	static final String CLINICIAN = "clinician-a1";

	static final String PROGRAM = "program-a";

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	/** axe-core's script, from its webjar. */
	static final String AXE = axeScript();

	static Path profile;

	static WebDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	AlertRepository alerts;

	@Autowired
	CaseloadRepository caseload;

	private static String axeScript() {
		try (var in = ConsoleBrowserTest.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/"
				+ System.getProperty("axe-core.version", "4.6.3") + "/axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException("axe-core webjar not on the test class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
		// In CI the browser must be there (.ci/run installs it); elsewhere its absence
		// skips.
		if (!installed && System.getenv("CI") != null) {
			throw new IllegalStateException("CI needs " + CHROMIUM + " and " + CHROMEDRIVER);
		}
		assumeTrue(installed, "chromium and chromium-driver are not installed");
		profile = Files.createTempDirectory("stepwise-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
				"--no-first-run", "--disable-extensions", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> {
					try {
						Files.deleteIfExists(file);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
		}
	}

	@Test
	void aNewAlertAppearsLiveInTheInboxOneRowPerPatientMostSevereFirstInWords() throws IOException {
		String medium = "patient-" + System.nanoTime();
		TestEvents.publish(progress(PROGRAM, medium));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(medium), (list) -> !list.isEmpty());

		signIn("/?programId=" + PROGRAM);
		waitFor().until(ExpectedConditions.textToBe(By.id("me"), CLINICIAN));
		waitFor().until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(patientRow(medium)));
		// Marks this page load: a reload would lose it.
		((JavascriptExecutor) browser).executeScript("window.stepwiseTestMarker = 'same-page';");

		// A second patient with two alerts: missed sessions (MEDIUM), then a CRITICAL
		// safety concern.
		String critical = "patient-" + System.nanoTime();
		TestEvents.publish(progress(PROGRAM, critical));
		TestEvents.publish(safetyPhq9(PROGRAM, critical, 3));

		waitFor().until((driver) -> driver.findElements(By.cssSelector("tr[data-patient-id='" + critical + "'] li"))
			.size() == 2);
		List<String> patients = browser.findElements(By.cssSelector("#inbox tbody tr"))
			.stream()
			.map((row) -> row.getAttribute("data-patient-id"))
			.toList();
		assertThat(patients).doesNotHaveDuplicates();
		assertThat(patients.indexOf(critical)).isNotNegative().isLessThan(patients.indexOf(medium));
		WebElement row = browser.findElement(patientRow(critical));
		assertThat(row.findElement(By.cssSelector(".row-severity")).getText()).isEqualTo("Critical");
		assertThat(row.findElements(By.cssSelector(".alert-item .kind"))).extracting(WebElement::getText)
			.containsExactly("Safety concern", "Missed sessions");
		assertThat(row.findElement(By.cssSelector(".alert-item .evidence")).getText())
			.startsWith("Thoughts of death or self-harm (PHQ-9 item 9): \"nearly every day\"");
		assertThat(row.findElements(By.cssSelector(".alert-item .evidence")).get(1).getText())
			.isEqualTo("2 sessions in a row missed without notice");
		// Times on the program's clock, with the zone named; one program: no "every
		// program".
		assertThat(row.findElement(By.cssSelector(".raised")).getText()).matches("raised .*(UTC|GMT).*");
		assertThat(browser.findElement(By.id("program")).getText()).contains("times in");
		assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("every program", "RELAPSE_RISK",
				"SAFETY");
		assertThat(((JavascriptExecutor) browser).executeScript("return window.stepwiseTestMarker;"))
			.isEqualTo("same-page");
		screenshot("inbox");
		assertNoPolicyViolations();
		assertAccessible("inbox");
	}

	@Test
	void aClinicianAcknowledgesThenResolvesACriticalAlertWithANoteOnItsPage() throws IOException {
		String patient = "patient-" + System.nanoTime();
		TestEvents.publish(careTeam(PROGRAM, patient));
		TestEvents.publish(safetyPhq9(PROGRAM, patient, 2));
		Alert alert = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient), (list) -> !list.isEmpty())
			.get(0);

		signIn("/?programId=" + PROGRAM);
		By item = alertItem(alert.id());
		waitFor().until(ExpectedConditions.presenceOfElementLocated(item));
		assertThat(browser.findElement(item).findElements(By.cssSelector("button.resolve")))
			.as("acknowledge first: no resolve on an open alert")
			.isEmpty();
		browser.findElement(item).findElement(By.cssSelector(".kind")).click();
		waitFor().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
		assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Safety concern");
		assertThat(browser.findElement(By.id("patient")).getText()).isEqualTo(patient);
		assertThat(browser.findElement(By.id("evidence")).getText()).contains("\"more than half the days\"");

		browser.findElement(By.cssSelector("#actions button.acknowledge")).click();
		waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Acknowledged"));
		assertThat(this.alerts.findById(alert.id()).orElseThrow().history()).last()
			.extracting(Alert.Transition::by)
			.isEqualTo(CLINICIAN);

		// Resolving a CRITICAL alert asks for a note of a few words, with the keyboard.
		browser.findElement(By.cssSelector("#actions button.resolve")).sendKeys(Keys.ENTER);
		WebElement dialog = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("note-dialog")));
		assertThat(dialog.findElement(By.id("note-hint")).getText()).contains("at least 3 words");
		assertAccessible("resolve dialog");
		WebElement note = browser.switchTo().activeElement();
		assertThat(note.getAttribute("id")).isEqualTo("note-text");
		note.sendKeys("done");
		dialog.findElement(By.cssSelector("button.confirm")).click();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("note-error")));
		assertThat(this.alerts.findById(alert.id()).orElseThrow().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
		note.clear();
		note.sendKeys("Called the patient; safety plan reviewed, crisis line given");
		dialog.findElement(By.cssSelector("button.confirm")).click();
		waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Resolved"));
		Alert resolved = this.alerts.findById(alert.id()).orElseThrow();
		assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
		assertThat(resolved.history()).last()
			.extracting(Alert.Transition::note)
			.isEqualTo("Called the patient; safety plan reviewed, crisis line given");
		// newest first; a routing to the care team may come between, as the care team's
		// event arrives before or after the alert
		assertThat(browser.findElements(By.cssSelector("#history tbody .change"))).extracting(WebElement::getText)
			.filteredOn((change) -> !change.equals("Routed"))
			.containsExactly("Resolved", "Acknowledged", "Raised");
		screenshot("alert");
		assertNoPolicyViolations();
		assertAccessible("alert detail");

		// The session's cookie alone does not make a change: the CSRF token is missing.
		String session = browser.manage().getCookieNamed("STEPWISE_CONSOLE").getValue();
		HttpResponse<String> forged = post("/api/v1/alerts/" + alert.id() + "/acknowledge", session, null);
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(forged.body()).contains("/problems/csrf");

		// Signing out ends the session: its cookie is worth nothing afterwards.
		browser.findElement(By.id("sign-out")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
		assertThat(get("/api/v1/alerts?patientId=" + patient, session).statusCode()).isEqualTo(401);
		assertThat(browser.manage().getCookieNamed("STEPWISE_CONSOLE")).isNull();
		// ... and the identity provider's: opening the console asks for the password
		// again
		browser.get(console() + "/");
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
		assertThat(browser.getCurrentUrl()).startsWith(IdentityProviderInitializer.issuer() + "/login");
	}

	@Test
	void anAlertsRepeatedUpdatesShowOnceWithTheirCount() {
		String patient = "patient-" + System.nanoTime();
		for (int revision = 1; revision <= 4; revision++) {
			TestEvents.publish(lowAttendance(PROGRAM, patient, revision, 5 + revision));
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient),
					(list) -> !list.isEmpty() && list.get(0).evidence().startsWith("3 of 9"));
		Alert alert = this.alerts.findByPatientIdOrderByRaisedAtDesc(patient).get(0);

		signIn("/alert.html?alertId=" + alert.id());
		waitFor().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
		assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Low attendance");
		assertThat(browser.findElement(By.id("evidence")).getText())
			.isEqualTo("Attended 3 of 9 sessions (33%) in the last 14 days");
		assertThat(browser.findElements(By.cssSelector("#history tbody .change"))).extracting(WebElement::getText)
			.containsExactly("Updated \u00d7 3", "Raised");
	}

	@Test
	void theCaseloadListsTheCliniciansPatientsAndSortsByColumn() throws IOException {
		String steady = "patient-" + System.nanoTime();
		String rising = "patient-" + System.nanoTime();
		String someoneElses = "patient-" + System.nanoTime();
		TestEvents.publish(plan(PROGRAM, steady, "2.1", 9, List.of(CLINICIAN)));
		TestEvents.publish(plan(PROGRAM, rising, "2.5", 20, List.of(CLINICIAN, "clinician-a2")));
		TestEvents.publish(plan(PROGRAM, someoneElses, "2.1", 9, List.of("clinician-a2")));
		// discharged from OP 30 days ago: in aftercare, week 5
		String aftercare = "patient-" + System.nanoTime();
		TestEvents.publish(plan(PROGRAM, aftercare, "1.0", 3, List.of(CLINICIAN)));
		TestEvents.publish(discharged(PROGRAM, aftercare, LocalDate.now().minusDays(30)));
		TestEvents.publish(risk(PROGRAM, rising, 1, RiskLevel.LOW, 9));
		TestEvents.publish(risk(PROGRAM, rising, 2, RiskLevel.HIGH, 0));
		TestEvents.publish(checkIn(PROGRAM, rising, 8, 3, 2, 1));
		TestEvents.publish(attendance(PROGRAM, steady, AttendanceStatus.ATTENDED, 3));
		TestEvents.publish(attendance(PROGRAM, steady, AttendanceStatus.NO_SHOW, 2));
		TestEvents.publish(attendance(PROGRAM, steady, AttendanceStatus.ATTENDED, 20));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.caseload.findById(steady).map((card) -> card.sessions().size() == 2).orElse(false)
					&& this.caseload.findById(rising).map((card) -> card.riskRevision() == 2).orElse(false)
					&& this.caseload.findById(aftercare).map((card) -> card.planVersion() == 2).orElse(false));

		signIn("/caseload.html");
		waitFor().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
		assertThat(browser.findElements(By.cssSelector("#caseload tbody tr[data-patient-id='" + someoneElses + "']")))
			.as("not on clinician-a1's care team")
			.isEmpty();
		WebElement steadyRow = browser
			.findElement(By.cssSelector("#caseload tbody tr[data-patient-id='" + steady + "']"));
		assertThat(steadyRow.findElement(By.cssSelector(".level")).getText()).isEqualTo("ASAM 2.1");
		assertThat(steadyRow.findElement(By.cssSelector(".hours")).getText()).isEqualTo("9 h");
		assertThat(steadyRow.findElement(By.cssSelector(".attendance")).getText()).isEqualTo("50% (1 of 2)");
		assertThat(steadyRow.findElement(By.cssSelector(".risk")).getText()).isEqualTo("not assessed");
		assertThat(steadyRow.findElements(By.cssSelector(".level .phase"))).as("in treatment").isEmpty();
		WebElement aftercareRow = browser
			.findElement(By.cssSelector("#caseload tbody tr[data-patient-id='" + aftercare + "']"));
		assertThat(aftercareRow.findElement(By.cssSelector(".level .phase")).getText()).isEqualTo("Aftercare, week 5");
		WebElement risingRow = browser
			.findElement(By.cssSelector("#caseload tbody tr[data-patient-id='" + rising + "']"));
		assertThat(risingRow.findElement(By.cssSelector(".risk")).getText()).startsWith("High").contains("up");
		assertThat(risingRow.findElement(By.cssSelector(".check-in")).getText()).matches(".*(UTC|GMT).*");
		// plan-service does not run here: the caseload stands, its instruments due
		// unknown
		// (with plan-service they read "PHQ-9 overdue 5 days", InstrumentsDueTest)
		waitFor().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-instruments", "unknown"));
		assertThat(steadyRow.findElement(By.cssSelector(".instruments")).getText()).isEqualTo("unknown");

		// Sorting: by relapse risk (again: highest first), then by hours.
		sortDescendingBy("risk");
		assertThat(browser.findElement(By.cssSelector("#caseload tbody tr")).getAttribute("data-patient-id"))
			.isEqualTo(rising);
		screenshot("caseload");
		assertNoPolicyViolations();
		assertAccessible("caseload");
	}

	@Test
	void theCaseloadSaysInWordsWhichInstrumentsAreOverdueAndSortsByIt() throws IOException {
		String late = "patient-" + System.nanoTime();
		String onTime = "patient-" + System.nanoTime();
		TestEvents.publish(plan(PROGRAM, late, "2.1", 9, List.of(CLINICIAN)));
		TestEvents.publish(plan(PROGRAM, onTime, "2.1", 9, List.of(CLINICIAN)));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.caseload.existsById(late) && this.caseload.existsById(onTime));
		// plan-service's answer as InstrumentsDueTest holds it, on the address the
		// console
		// calls; the console relays the signed-in clinician's own token
		String due = """
				[{"patientId":"%s","programId":"%s","instrument":{"instrument":"PHQ9","label":"PHQ-9",
				  "dueOn":"2026-06-15","overdueDays":5,"status":"OVERDUE","words":"PHQ-9 overdue 5 days"}},
				 {"patientId":"%s","programId":"%s","instrument":{"instrument":"GAD7","label":"GAD-7",
				  "dueOn":"2026-06-20","overdueDays":0,"status":"DUE","words":"GAD-7 due today"}}]""".formatted(late,
				PROGRAM, late, PROGRAM);
		List<String> authorizations = new CopyOnWriteArrayList<>();
		HttpServer planService = HttpServer
			.create(new InetSocketAddress("127.0.0.1", IdentityProviderInitializer.start().noPlanServicePort()), 0);
		planService.createContext("/api/v1/instruments-due", (exchange) -> {
			authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			byte[] body = due.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		planService.start();
		try {
			signIn("/caseload.html");
			waitFor().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-instruments", "loaded"));
			WebElement lateRow = browser
				.findElement(By.cssSelector("#caseload tbody tr[data-patient-id='" + late + "']"));
			assertThat(lateRow.findElement(By.cssSelector(".instruments")).getText())
				.isEqualTo("PHQ-9 overdue 5 days\nGAD-7 due today");
			assertThat(lateRow.findElement(By.cssSelector(".instruments .instrument-overdue")).getText())
				.isEqualTo("PHQ-9 overdue 5 days");
			assertThat(browser
				.findElement(By.cssSelector("#caseload tbody tr[data-patient-id='" + onTime + "'] .instruments"))
				.getText()).isEqualTo("none due");
			// nothing alerts for an overdue instrument alone
			assertThat(lateRow.findElement(By.cssSelector(".open-alerts")).getText()).isEqualTo("0");
			sortDescendingBy("instruments");
			assertThat(browser.findElement(By.cssSelector("#caseload tbody tr")).getAttribute("data-patient-id"))
				.isEqualTo(late);
			assertThat(authorizations).isNotEmpty().allSatisfy((value) -> assertThat(value).startsWith("Bearer "));
			assertNoPolicyViolations();
			assertAccessible("caseload with instruments due");
		}
		finally {
			planService.stop(0);
		}
	}

	@Test
	void anEarlyWarningAlertShowsWhyItFiredAtAGlance() throws IOException {
		String patient = "patient-" + System.nanoTime();
		TestEvents.publish(earlyWarning(PROGRAM, patient));
		Alert alert = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.alerts.findByPatientIdOrderByRaisedAtDesc(patient), (list) -> !list.isEmpty())
			.get(0);

		signIn("/?programId=" + PROGRAM);
		waitFor().until(ExpectedConditions.presenceOfElementLocated(alertItem(alert.id())));
		WebElement item = browser.findElement(alertItem(alert.id()));
		assertThat(item.findElement(By.cssSelector(".severity")).getText()).isEqualTo("Medium");
		assertThat(item.findElement(By.cssSelector(".kind")).getText()).isEqualTo("Relapse risk");
		WebElement why = item.findElement(By.cssSelector(".evidence .why"));
		assertThat(why.findElement(By.cssSelector(".lapse-level")).getText()).isEqualTo("Early warning elevated");
		assertThat(why.findElement(By.cssSelector(".lapse-percent")).getText())
			.isEqualTo("34% chance of use in the next 7 days");
		assertThat(why.findElements(By.cssSelector(".drivers li"))).extracting(WebElement::getText)
			.containsExactly("craving up from 2 to 6 over 5 days", "confidence 4 of 10 of staying abstinent for a week",
					"high-risk situation coming up (reported 2026-03-03)");
		assertThat(why.findElement(By.cssSelector(".model")).getText()).isEqualTo("model lapse-risk-0.1");
		// A clinician's screen, for the picture a reviewer looks at.
		browser.manage().window().setSize(new Dimension(1280, 720));
		Files.createDirectories(Path.of("target"));
		Files.write(Path.of("target", "console-early-warning.png"),
				((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		assertNoPolicyViolations();

		// The patient page's alerts explain it the same way.
		item.findElement(By.xpath("ancestor::tr//td[contains(@class,'patient')]/a")).click();
		waitFor().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
		assertThat(browser.findElements(By.cssSelector("#alerts tbody .drivers li"))).extracting(WebElement::getText)
			.contains("craving up from 2 to 6 over 5 days");
		// plan-service does not answer here: the page says so and shows the rest
		assertThat(browser.findElement(By.id("plan-note")).getText())
			.isEqualTo("Could not load the plan: The plan service did not answer; try again in a moment");
		assertNoPolicyViolations();
	}

	@Test
	void theSignInPageIsStepwiseBrandedAndAccessibleAndNeitherServiceLacksAFavicon() {
		// Cookies ignore ports: this signs out of the console and the provider alike.
		browser.get(console() + "/signed-out.html");
		browser.manage().deleteAllCookies();
		browser.get(console() + "/caseload.html");
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(browser.getTitle()).isEqualTo("Sign in - Stepwise");
		assertThat(browser.findElement(By.cssSelector(".brand")).getText()).isEqualTo("Stepwise");
		assertAccessible("sign-in page");
		assertThat(
				send(HttpRequest.newBuilder(URI.create(IdentityProviderInitializer.issuer() + "/favicon.ico")).build())
					.statusCode())
			.isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(URI.create(console() + "/favicon.ico")).build()).statusCode())
			.isEqualTo(200);
		signIn("/caseload.html");
	}

	/**
	 * Opens a console page; when the console sends the browser to the identity provider,
	 * signs in with its login form (a provider session still valid signs in without it).
	 */
	private void signIn(String path) {
		browser.get(console() + path);
		String issuer = IdentityProviderInitializer.issuer();
		waitFor().until((driver) -> driver.getCurrentUrl().startsWith(console() + "/")
				|| !driver.findElements(By.id("username")).isEmpty());
		if (browser.getCurrentUrl().startsWith(issuer)) {
			browser.findElement(By.id("username")).sendKeys(CLINICIAN);
			browser.findElement(By.id("password")).sendKeys("demo");
			browser.findElement(By.cssSelector("button[type=submit]")).click();
		}
		waitFor().until((driver) -> driver.getCurrentUrl().equals(console() + path));
	}

	/** Chromium reports every refused script, style or connection on the console. */
	private static void assertNoPolicyViolations() {
		List<String> violations = browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy") || message.contains("Refused to"))
			.toList();
		assertThat(violations).isEmpty();
	}

	private String console() {
		return "http://127.0.0.1:" + this.port;
	}

	private HttpResponse<String> post(String path, String session, String csrfToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console() + path))
			.header("Content-Type", "application/json")
			.header("Cookie", "STEPWISE_CONSOLE=" + session + ((csrfToken != null) ? "; XSRF-TOKEN=" + csrfToken : ""))
			.POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"" + CLINICIAN + "\"}"));
		if (csrfToken != null) {
			request.header("X-XSRF-TOKEN", csrfToken);
		}
		return send(request.build());
	}

	private HttpResponse<String> get(String path, String session) {
		return send(HttpRequest.newBuilder(URI.create(console() + path))
			.header("Cookie", "STEPWISE_CONSOLE=" + session)
			.GET()
			.build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static By patientRow(String patientId) {
		return By.cssSelector("#inbox tbody tr[data-patient-id='" + patientId + "']");
	}

	private static By alertItem(String alertId) {
		return By.cssSelector("#inbox .alert-item[data-alert-id='" + alertId + "']");
	}

	/** A picture of the page as a clinician sees it, under target/screenshots. */
	private static void screenshot(String name) throws IOException {
		browser.manage().window().setSize(new Dimension(1280, 1000));
		Path directory = Path.of("target", "screenshots");
		Files.createDirectories(directory);
		Files.write(directory.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * axe-core (the npm package's webjar) on the page as it is: no serious or critical
	 * violation of WCAG 2.x A/AA or best practice.
	 */
	@SuppressWarnings("unchecked")
	private static void assertAccessible(String page) {
		JavascriptExecutor js = (JavascriptExecutor) browser;
		js.executeScript(AXE);
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

	/**
	 * The pages re-render their lists when data arrives, so an element found one moment
	 * may be replaced the next: a stale one is looked up again, not a failure.
	 */
	private static WebDriverWait waitFor() {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	private static EventEnvelope<ProgressAssessed> progress(String program, String patient) {
		Instant at = Instant.now().minusSeconds(3600);
		return EventEnvelope.of("/test", new ProgressAssessed(program, patient, 1, RiskLevel.MODERATE, false,
				List.of(new SignalFired("S9", "DISENGAGEMENT", Severity.MEDIUM, "2 unexcused no-shows in a row",
						Map.of("consecutiveNoShows", "2"), at)),
				List.of(CLINICIAN), List.of("event-1"), "test", at), Instant.now());
	}

	/** An elevated early warning, no signals: a MEDIUM relapse-risk alert. */
	private static EventEnvelope<ProgressAssessed> earlyWarning(String program, String patient) {
		Instant at = Instant.now().minusSeconds(1800);
		LapseRisk warning = new LapseRisk(34, LapseRiskLevel.ELEVATED, "lapse-risk-0.1", List.of(
				new LapseRisk.Driver("cravingRise", "craving up from 2 to 6 over 5 days", 12),
				new LapseRisk.Driver("lowConfidence", "confidence 4 of 10 of staying abstinent for a week", 9),
				new LapseRisk.Driver("highRiskSituation", "high-risk situation coming up (reported 2026-03-03)", 8)));
		return EventEnvelope.of("/test", new ProgressAssessed(program, patient, 1, RiskLevel.LOW, false, List.of(),
				List.of(CLINICIAN), List.of("event-1"), "test", at, warning), Instant.now());
	}

	/**
	 * A progress assessment without signals: the patient's care team is clinician-a1's,
	 * no alert.
	 */
	private static EventEnvelope<ProgressAssessed> careTeam(String program, String patient) {
		Instant at = Instant.now().minusSeconds(7300);
		return EventEnvelope.of("/test", new ProgressAssessed(program, patient, 1, RiskLevel.LOW, false, List.of(),
				List.of(CLINICIAN), List.of("event-0"), "test", at), Instant.now());
	}

	private static EventEnvelope<AssessmentScored> safetyPhq9(String program, String patient, int item9) {
		Map<String, Integer> items = new HashMap<>();
		for (int i = 1; i <= 8; i++) {
			items.put(Integer.toString(i), 1);
		}
		items.put("9", item9);
		Instant taken = Instant.now().minusSeconds(7200);
		return EventEnvelope.of("/test",
				new AssessmentScored("assessment-" + System.nanoTime(), program, patient, Instrument.PHQ9, items,
						8 + item9, Map.of(), "mild", List.of(), (item9 >= 2) ? SafetyLevel.CRITICAL : SafetyLevel.HIGH,
						Set.of(), taken, taken),
				Instant.now());
	}

	/** Low attendance at one revision: 3 of {@code counted} sessions attended. */
	private static EventEnvelope<ProgressAssessed> lowAttendance(String program, String patient, long revision,
			int counted) {
		Instant at = Instant.now().minusSeconds(3600 - revision);
		int percent = 300 / counted;
		return EventEnvelope.of("/test",
				new ProgressAssessed(program, patient, revision, RiskLevel.MODERATE, false,
						List.of(new SignalFired("S10", "LOW_ATTENDANCE", Severity.MEDIUM,
								"3 of " + counted + " sessions attended (" + percent + "%) in 14 days",
								Map.of("attended", "3", "scheduled", Integer.toString(counted), "percent",
										Integer.toString(percent)),
								Instant.now().minus(Duration.ofDays(13)))),
						List.of(CLINICIAN), List.of("event-" + revision), "test", at),
				Instant.now());
	}

	/** A progress assessment at a risk level (early warning percent, LOW unless 0). */
	private static EventEnvelope<ProgressAssessed> risk(String program, String patient, long revision, RiskLevel level,
			int daysAgo) {
		Instant at = Instant.now().minus(Duration.ofDays(daysAgo));
		return EventEnvelope.of("/test", new ProgressAssessed(program, patient, revision, level, false, List.of(),
				List.of(CLINICIAN), List.of("event-" + revision), "test", at), Instant.now());
	}

	private static EventEnvelope<PlanChanged> plan(String program, String patient, String level, int hours,
			List<String> careTeam) {
		Instant at = Instant.now().minus(Duration.ofDays(30));
		return EventEnvelope.of("/test",
				new PlanChanged("plan-" + patient, program, patient, 1, new LevelOfCare(level, 3), false,
						BigDecimal.valueOf(hours), 3, careTeam, PlanMode.AUTOMATIC, false,
						LocalDate.now().minusDays(30), ChangeDirection.ENROLLED, "admin-a",
						List.of(new Reason("ENROLLED", "enrolled by admin-a", Map.of())), "test", at),
				Instant.now());
	}

	/** The plan's second version: discharged to aftercare on that day. */
	private static EventEnvelope<PlanChanged> discharged(String program, String patient, LocalDate on) {
		Instant at = Instant.now().minus(Duration.ofDays(1));
		return EventEnvelope.of("/test", new PlanChanged("plan-" + patient, program, patient, 2,
				new LevelOfCare("1.0", 3), false, BigDecimal.valueOf(3), 1, List.of(CLINICIAN), PlanMode.AUTOMATIC,
				false, LocalDate.now().minusDays(90), ChangeDirection.UNCHANGED_INTENSITY, CLINICIAN,
				List.of(new Reason("DISCHARGED", "completed OP", Map.of())), "test", at, PlanPhase.AFTERCARE, on),
				Instant.now());
	}

	private static EventEnvelope<CheckInSubmitted> checkIn(String program, String patient, int craving, int mood,
			int confidence, int daysAgo) {
		Instant at = Instant.now().minus(Duration.ofDays(daysAgo)).minusSeconds(600);
		return EventEnvelope.of("/test",
				new CheckInSubmitted("checkin-" + System.nanoTime(), program, patient, mood, craving, false, List.of(),
						BigDecimal.valueOf(7), 3, true, Set.of(), at, at, (confidence >= 0) ? confidence : null, null,
						null),
				Instant.now());
	}

	private static EventEnvelope<AttendanceRecorded> attendance(String program, String patient, AttendanceStatus status,
			int daysAgo) {
		Instant at = Instant.now().minus(Duration.ofDays(daysAgo));
		return EventEnvelope
			.of("/test",
					new AttendanceRecorded("record-" + System.nanoTime(), "session-" + System.nanoTime(), program,
							patient, SessionType.GROUP, status, status.present() ? 180 : 0, 180, at, at),
					Instant.now());
	}

	/** Clicks a caseload column's sort button twice (ascending, then descending). */
	private void sortDescendingBy(String key) {
		WebElement header = browser.findElement(By.cssSelector("#caseload th[data-key='" + key + "']"));
		header.findElement(By.tagName("button")).click();
		header.findElement(By.tagName("button")).click();
		assertThat(header.getAttribute("aria-sort")).isEqualTo("descending");
	}

}
