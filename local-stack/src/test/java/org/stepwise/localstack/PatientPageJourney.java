package org.stepwise.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A clinician's day on the console of the real stack, for {@link LocalStackTest}: real
 * data through the services' APIs (an enrolment, PHQ-9s that worsen to severe, a GAD-7,
 * check-ins, three sessions with their attendance), then, in Chromium, signed in as the
 * patient's clinician through the identity provider: the caseload, the patient page with
 * what plan-service and alert-service hold (plan, signals in words, charts with their
 * thresholds, attendance), approving plan-service's step-up recommendation, and
 * acknowledging then resolving the safety alert with a note.
 */
final class PatientPageJourney {

	static final String CLINICIAN = "clinician-a1";

	static final String PROGRAM = "program-a";

	/** What the data makes on the timeline: 3 scores, 4 check-ins, 3 sessions. */
	private static final int TIMELINE_ENTRIES = 3 + 4 + 3;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final StackOptions options;

	private final HttpClient http = HttpClient.newHttpClient();

	/** The patient this journey creates; no other test touches it. */
	final String patient = "patient-e2e-console-" + System.nanoTime();

	PatientPageJourney(StackOptions options) {
		this.options = options;
	}

	/**
	 * PHQ-9 12 two weeks ago, 21 yesterday with item 9 "several days": depression
	 * worsening (S3), a severe score that recommends a step up to 2.5
	 * (docs/clinical-rules.md section 4; a level change is never automatic) and a HIGH
	 * safety alert.
	 */
	void createData() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String enrolment = """
				{"patientId":"%s","programId":"%s","levelOfCare":{"code":"2.1","edition":3},"adolescent":false,
				 "weeklyHours":9,"sessionsPerWeek":3,"modalities":["CBT"],"careTeam":["%s"],"mode":"AUTOMATIC",
				 "startDate":"%s"}""".formatted(this.patient, PROGRAM, CLINICIAN,
				LocalDate.now(ZoneOffset.UTC).minusDays(21));
		HttpResponse<String> enrolled = send(
				post(service("plan-service") + "/api/v1/plans", enrolment, token("admin-a", "demo")));
		assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);

		assess("PHQ9", now.minus(14, ChronoUnit.DAYS), Map.of(1, 2, 2, 2, 3, 2, 4, 1, 5, 1, 6, 2, 7, 1, 8, 1, 9, 0));
		assess("PHQ9", now.minus(1, ChronoUnit.DAYS), Map.of(1, 3, 2, 3, 3, 3, 4, 3, 5, 2, 6, 3, 7, 2, 8, 1, 9, 1));
		assess("GAD7", now.minus(1, ChronoUnit.DAYS), Map.of(1, 1, 2, 1, 3, 1, 4, 1, 5, 2, 6, 1, 7, 1));

		int[] craving = { 2, 3, 4, 5 };
		int[] mood = { 6, 5, 5, 4 };
		// never level at 7, where the craving threshold's line is looked for
		int[] confidence = { 9, 8, 6, 5 };
		for (int day = 0; day < craving.length; day++) {
			Instant at = now.minus(craving.length - day, ChronoUnit.DAYS).minus(2, ChronoUnit.HOURS);
			ingest("/api/v1/check-ins", service("assessment-service"), """
					{"patientId":"%s","programId":"%s","occurredAt":"%s","mood":%d,"craving":%d,
					 "usedSinceLastCheckIn":false,"sleepHours":7,"stress":4,"medicationTakenAsPrescribed":true,
					 "confidence":%d}""".formatted(this.patient, PROGRAM, at, mood[day], craving[day],
					confidence[day]));
		}

		// 18:00 UTC: noon in Chicago, program-a's zone
		Instant sessionTime = now.truncatedTo(ChronoUnit.DAYS).plus(18, ChronoUnit.HOURS);
		attend(sessionTime.minus(6, ChronoUnit.DAYS), "ATTENDED");
		attend(sessionTime.minus(4, ChronoUnit.DAYS), "ATTENDED");
		attend(sessionTime.minus(2, ChronoUnit.DAYS), "NO_SHOW");
	}

	/** Waits until the services have made of the data what the console shows. */
	void awaitEvaluated() {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			JsonNode recommendations = read(
					service("plan-service") + "/api/v1/patients/" + this.patient + "/recommendations");
			return recommendations.valueStream()
				.anyMatch((r) -> r.get("kind").asString().equals("STEP_UP")
						&& r.get("status").asString().equals("PENDING"));
		});
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> safetyAlert() != null
					&& read(service("alert-service") + "/api/v1/patients/" + this.patient + "/timeline")
						.size() >= TIMELINE_ENTRIES);
	}

	void walk(ConsoleBrowser browser) throws Exception {
		WebDriver driver = browser.driver;
		browser.signIn("/caseload.html", CLINICIAN, "demo");

		// The caseload's read model follows the events: reload until the row is whole.
		By row = By.cssSelector("#caseload tbody tr[data-patient-id='" + this.patient + "']");
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			driver.navigate().refresh();
			browser.waitFor().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
			List<WebElement> rows = driver.findElements(row);
			return !rows.isEmpty()
					&& rows.get(0).findElement(By.cssSelector(".attendance")).getText().startsWith("67%");
		});
		WebElement caseloadRow = driver.findElement(row);
		assertThat(caseloadRow.findElement(By.cssSelector(".level")).getText()).isEqualTo("ASAM 2.1");
		assertThat(caseloadRow.findElement(By.cssSelector(".hours")).getText()).isEqualTo("9 h");
		assertThat(caseloadRow.findElement(By.cssSelector(".attendance")).getText()).isEqualTo("67% (2 of 3)");
		assertThat(caseloadRow.findElement(By.cssSelector(".check-in")).getText()).as("Chicago time")
			.matches(".* C[SD]T");
		assertThat(caseloadRow.findElement(By.cssSelector(".risk-level")).getText()).isEqualTo("Moderate");
		assertThat(caseloadRow.findElement(By.cssSelector(".open-alerts .severity")).getText()).isEqualTo("High");
		browser.screenshot("stack-caseload");
		browser.assertNoPolicyViolations();
		browser.assertAccessible("caseload");

		caseloadRow.findElement(By.cssSelector("td.patient a")).click();
		browser.waitFor().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
		assertThat(driver.getCurrentUrl()).endsWith("/patient.html?patientId=" + this.patient);
		assertPatientPage(browser);
		approveTheStepUp(browser);
		acknowledgeThenResolveTheSafetyAlert(browser);
	}

	private void assertPatientPage(ConsoleBrowser browser) throws IOException {
		WebDriver driver = browser.driver;
		assertThat(driver.findElement(By.id("plan-level")).getText()).isEqualTo("ASAM 2.1");
		assertThat(driver.findElement(By.id("plan-hours")).getText()).isEqualTo("9 h");
		assertThat(driver.findElement(By.id("plan-mode")).getText()).startsWith("Automatic");
		assertThat(driver.findElement(By.id("plan-note")).getText()).contains("care team " + CLINICIAN);

		// The signals in words, from plan-service's progress.
		String signals = driver.findElement(By.id("signals")).getText();
		assertThat(signals).contains("Depression worsening: PHQ-9 rose from 12 to 21 (+9) since")
			.doesNotContain("S3", "DEPRESSION_WORSENING", "->");
		assertThat(driver.findElement(By.id("risk")).getText()).startsWith("Relapse risk moderate");
		// the program's instrument schedule in words (issue 22 item 2)
		assertThat(driver.findElement(By.id("instruments")).getText()).startsWith("Instruments: ")
			.containsPattern("PHQ-9 (due|overdue)")
			.containsPattern("GAD-7 (due|overdue)");

		// The recommendation plan-service made, awaiting a decision.
		WebElement recommendation = driver
			.findElement(By.cssSelector("#recommendations .recommendation[data-status='PENDING']"));
		assertThat(recommendation.findElement(By.tagName("strong")).getText()).isEqualTo("Step up: ASAM 2.1 to 2.5");
		assertThat(recommendation.getText()).contains("Severe depression score (PHQ-9): PHQ-9 21");

		// Charts of the real data: points, lines' names and the thresholds drawn.
		assertThat(driver.findElement(By.id("scores-chart")).getAttribute("data-points")).isEqualTo("3");
		assertThat(driver.findElement(By.id("checkins-chart")).getAttribute("data-points")).isEqualTo("12");
		assertThat(driver.findElement(By.id("attendance-chart")).getAttribute("data-points")).isEqualTo("3");
		assertThat(seriesLabels("scores-chart", driver)).contains("PHQ-9", "GAD-7");
		assertThat(seriesLabels("checkins-chart", driver)).contains("Craving", "Mood", "Confidence");
		// PHQ-9 severe 20 in dark red, moderate 10 in grey; craving high 7 in red
		assertThat(dashedLineShare(browser, "scores-chart", 20, 0, 27, "red")).isGreaterThan(0.4);
		assertThat(dashedLineShare(browser, "scores-chart", 10, 0, 27, "grey")).isGreaterThan(0.4);
		assertThat(dashedLineShare(browser, "checkins-chart", 7, 0, 10, "red")).isGreaterThan(0.4);
		assertThat(dashedLineShare(browser, "scores-chart", 5, 0, 27, "red")).as("no line where no threshold is")
			.isLessThan(0.1);
		assertThat(driver.findElement(By.id("attendance-summary")).getText())
			.isEqualTo("2 of 3 sessions attended (67%)");
		// what the lines answer, in assessment-service's wording (issue 18 item 4)
		driver.findElement(By.cssSelector("#checkins-questions summary")).click();
		assertThat(driver.findElement(By.id("checkins-questions")).getText())
			.contains("How strong has your craving to drink or use been?")
			.contains("How confident are you that you will stay abstinent over the next week?");
		driver.findElement(By.cssSelector("#scores-questions summary")).click();
		assertThat(driver.findElement(By.id("scores-questions")).getText())
			.contains("Thoughts that you would be better off dead or of hurting yourself in some way")
			.contains("Source:");

		assertThat(driver.findElements(By.cssSelector("#alerts tbody tr .kind"))).extracting(WebElement::getText)
			.contains("Safety concern", "Depression worsening");
		Path picture = browser.fullPageScreenshot("stack-patient");
		assertThat(picture).isNotEmptyFile();
		browser.assertNoPolicyViolations();
		browser.assertAccessible("patient page");
	}

	private void approveTheStepUp(ConsoleBrowser browser) throws Exception {
		WebDriver driver = browser.driver;
		JsonNode pending = read(service("plan-service") + "/api/v1/patients/" + this.patient + "/recommendations")
			.valueStream()
			.filter((r) -> r.get("status").asString().equals("PENDING"))
			.filter((r) -> r.get("kind").asString().equals("STEP_UP"))
			.findFirst()
			.orElseThrow();
		String id = pending.get("recommendationId").asString();
		By recommendation = By.cssSelector("[data-recommendation-id='" + id + "']");
		driver.findElement(recommendation).findElement(By.cssSelector("button.approve")).click();
		browser.waitFor().until(ExpectedConditions.attributeToBe(recommendation, "data-status", "APPROVED"));
		browser.waitFor().until(ExpectedConditions.textToBe(By.id("plan-level"), "ASAM 2.5"));
		assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();

		// plan-service moved the plan, in the clinician's name.
		JsonNode plan = read(service("plan-service") + "/api/v1/patients/" + this.patient + "/plan").get("plan");
		assertThat(plan.get("version").asInt()).isEqualTo(2);
		assertThat(plan.get("levelOfCare").get("code").asString()).isEqualTo("2.5");
		assertThat(plan.get("weeklyHours").asDouble()).as("a PHP week").isGreaterThanOrEqualTo(20);
		assertThat(plan.get("direction").asString()).isEqualTo("STEP_UP");
		assertThat(plan.get("changedBy").asString()).isEqualTo(CLINICIAN);
		assertThat(read(service("plan-service") + "/api/v1/patients/" + this.patient + "/recommendations").valueStream()
			.filter((r) -> r.get("recommendationId").asString().equals(id))
			.findFirst()
			.orElseThrow()
			.get("decidedBy")
			.asString()).isEqualTo(CLINICIAN);
		assertThat(driver.findElements(By.cssSelector("#plan-history tbody tr"))).hasSize(2);
	}

	private void acknowledgeThenResolveTheSafetyAlert(ConsoleBrowser browser) throws Exception {
		WebDriver driver = browser.driver;
		String id = safetyAlert().get("id").asString();
		By row = By.cssSelector("#alerts tbody tr[data-alert-id='" + id + "']");
		assertThat(driver.findElement(row).findElements(By.cssSelector("button.resolve")))
			.as("acknowledge first: no resolve on an open HIGH alert")
			.isEmpty();
		driver.findElement(row).findElement(By.cssSelector("button.acknowledge")).click();
		browser.waitFor()
			.until((d) -> d.findElement(row).findElement(By.cssSelector(".status")).getText().equals("Acknowledged"));
		assertThat(alert(id).get("status").asString()).isEqualTo("ACKNOWLEDGED");

		driver.findElement(row).findElement(By.cssSelector("button.resolve")).click();
		WebElement dialog = browser.waitFor()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("note-dialog")));
		WebElement note = dialog.findElement(By.id("note-text"));
		note.sendKeys("called");
		dialog.findElement(By.cssSelector("button.confirm")).click();
		browser.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("note-error")));
		assertThat(alert(id).get("status").asString()).as("a one-word note resolves nothing").isEqualTo("ACKNOWLEDGED");
		note.clear();
		note.sendKeys("Called the patient; safety plan reviewed with them");
		dialog.findElement(By.cssSelector("button.confirm")).click();
		browser.waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.id("note-dialog")));
		browser.waitFor()
			.until((d) -> d.findElements(By.cssSelector("#closed-alerts tr[data-alert-id='" + id + "']")).size() == 1);

		JsonNode resolved = alert(id);
		assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
		JsonNode last = resolved.get("history").get(resolved.get("history").size() - 1);
		assertThat(last.get("note").asString()).isEqualTo("Called the patient; safety plan reviewed with them");
		assertThat(last.get("by").asString()).isEqualTo(CLINICIAN);
		browser.assertNoPolicyViolations();
		browser.assertAccessible("patient page after the decisions");
	}

	/** The series names uPlot wrote into the chart's legend. */
	private static List<String> seriesLabels(String chart, WebDriver driver) {
		return driver.findElements(By.cssSelector("#" + chart + " .u-legend .u-series .u-label"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/**
	 * The share of the plot's width where the canvas has a pixel of the colour family at
	 * the height of {@code value} (within a pixel): a dashed reference line covers about
	 * 60%, a data line crossing that height a few pixels. The plot area is uPlot's
	 * {@code .u-over}, laid exactly over it.
	 */
	private static double dashedLineShare(ConsoleBrowser browser, String chart, double value, double min, double max,
			String colour) {
		Object share = browser.script("""
				const chart = document.getElementById(arguments[0]);
				const canvas = chart.querySelector('canvas');
				const over = chart.querySelector('.u-over').getBoundingClientRect();
				const box = canvas.getBoundingClientRect();
				const scale = canvas.height / box.height;
				const y = Math.round((over.top - box.top + over.height * (1 - (arguments[1] - arguments[2])
					/ (arguments[3] - arguments[2]))) * scale);
				const left = Math.round((over.left - box.left) * scale);
				const width = Math.round(over.width * scale);
				const rows = canvas.getContext('2d').getImageData(left, y - 1, width, 3).data;
				const red = (r, g, b) => r > g + 40 && r > b + 40 && Math.abs(g - b) < 30;
				const grey = (r, g, b) => Math.max(r, g, b) - Math.min(r, g, b) < 30 && Math.max(r, g, b) < 215;
				const wanted = arguments[4] === 'red' ? red : grey;
				let hits = 0;
				for (let x = 0; x < width; x++) {
					for (let row = 0; row < 3; row++) {
						const i = (row * width + x) * 4;
						if (rows[i + 3] > 0 && wanted(rows[i], rows[i + 1], rows[i + 2])) {
							hits++;
							break;
						}
					}
				}
				return hits / width;""", chart, value, min, max, colour);
		return ((Number) share).doubleValue();
	}

	private JsonNode safetyAlert() throws Exception {
		return read(service("alert-service") + "/api/v1/alerts?patientId=" + this.patient + "&kind=SAFETY")
			.valueStream()
			.findFirst()
			.orElse(null);
	}

	private JsonNode alert(String id) throws Exception {
		return read(service("alert-service") + "/api/v1/alerts/" + id);
	}

	private void assess(String instrument, Instant at, Map<Integer, Integer> items) throws Exception {
		StringBuilder answers = new StringBuilder();
		items.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((item) -> answers.append(answers.isEmpty() ? "" : ",")
				.append("\"")
				.append(item.getKey())
				.append("\":")
				.append(item.getValue()));
		ingest("/api/v1/assessments", service("assessment-service"), """
				{"patientId":"%s","programId":"%s","instrument":"%s","occurredAt":"%s","items":{%s}}"""
			.formatted(this.patient, PROGRAM, instrument, at, answers));
	}

	private void attend(Instant start, String status) throws Exception {
		String created = ingest("/api/v1/sessions", service("attendance-service"), """
				{"programId":"%s","sessionType":"GROUP","modality":"CBT","startsAt":"%s","endsAt":"%s",
				 "facilitatorId":"clinician-1","roster":["%s"]}""".formatted(PROGRAM, start,
				start.plus(3, ChronoUnit.HOURS), this.patient));
		String session = json.readTree(created).get("id").asString();
		ingest("/api/v1/sessions/" + session + "/attendance", service("attendance-service"), """
				{"patientId":"%s","status":"%s","minutesAttended":%d}""".formatted(this.patient, status,
				status.equals("ATTENDED") ? 180 : 0));
	}

	/** Writes as the ingest client; the body of the 201. */
	private String ingest(String path, String base, String body) throws Exception {
		HttpResponse<String> response = send(post(base + path, body, token("stepwise-ingest", "ingest-secret")));
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
		return response.body();
	}

	/** Reads as the clinician. */
	private JsonNode read(String url) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + token(CLINICIAN, "demo"))
			.build());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static HttpRequest post(String url, String body, String token) {
		return HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String token(String client, String secret) throws Exception {
		return StackTokens.clientCredentials(this.http, this.options.idpPort(), client, secret);
	}

	String console() {
		return service("alert-service");
	}

	String issuer() {
		return "http://127.0.0.1:" + this.options.idpPort();
	}

	private String service(String name) {
		return this.options.services()
			.stream()
			.filter((s) -> s.name().equals(name))
			.map((s) -> "http://127.0.0.1:" + s.port())
			.findFirst()
			.orElseThrow();
	}

}
