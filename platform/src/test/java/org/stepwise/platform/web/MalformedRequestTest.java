package org.stepwise.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import org.stepwise.testsupport.InfrastructureInitializer;
import org.stepwise.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Tomcat or the security firewall refuse before any controller sees them,
 * sent over a raw socket (an HTTP client would normalise or refuse to send them): each is
 * answered with an RFC 9457 problem document, and no log line names the patient in the
 * refused request target.
 */
@SpringBootTest(classes = OperationsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=malformed-request-test", "spring.mongodb.database=operations-test" })
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class MalformedRequestTest {

	static final String PATIENT = "patient-raw-" + System.nanoTime();

	static final String NOTES = "/api/v1/patients/" + PATIENT + "/notes";

	@LocalServerPort
	int port;

	private final CapturingAppender logs = new CapturingAppender();

	@BeforeEach
	void captureLogs() {
		this.logs.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		this.logs.start();
		root().addAppender(this.logs);
	}

	@AfterEach
	void stopCapturing() {
		root().detachAppender(this.logs);
	}

	@Test
	void everyRefusalIsAProblemDocumentAndNoLogLineNamesThePatient() throws IOException {
		String token = "Authorization: Bearer " + TestTokens.operator("program-a") + "\r\n";
		String json = "Content-Length: 2\r\n\r\n{}";
		List<String> refused = List.of("GET /api/v1/patients/" + PATIENT + "%2Fx/notes HTTP/1.1\r\n" + token + "\r\n",
				"GET /api/v1/patients/" + PATIENT + "%00/notes HTTP/1.1\r\n" + token + "\r\n",
				"GET /api/v1/patients/" + PATIENT + ";x=1/notes HTTP/1.1\r\n" + token + "\r\n",
				"GET /api/v1/patients/%2e%2e/" + PATIENT + "/notes HTTP/1.1\r\n" + token + "\r\n",
				"GET /api/v1/patients//" + PATIENT + "/notes HTTP/1.1\r\n" + token + "\r\n",
				"GET /api/v1/patients/" + PATIENT + "\\x/notes HTTP/1.1\r\n" + token + "\r\n",
				"GET /api/v1/patients/" + PATIENT + "{x}/notes HTTP/1.1\r\n" + token + "\r\n",
				"GET /api/v1/patients/" + PATIENT + "\u00e9/notes HTTP/1.1\r\n" + token + "\r\n",
				"GET " + NOTES + " HTTP/1.1\r\n" + token + "X-Padding: " + "x".repeat(20_000) + "\r\n\r\n",
				"POST " + NOTES + " HTTP/1.1\r\n" + token + "Content-Type: json\r\n" + json,
				"G(T " + NOTES + " HTTP/1.1\r\n" + token + "\r\n");
		SoftAssertions softly = new SoftAssertions();
		for (String request : refused) {
			String response = send(request);
			String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
			String firstLine = request.substring(0, request.indexOf("\r\n"));
			softly.assertThat(head).as("answer to %s", firstLine).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
			softly.assertThat(head.toLowerCase(Locale.ROOT))
				.as("answer to %s: %s", firstLine, response)
				.contains("content-type: application/problem+json");
			softly.assertThat(response).as("answer to %s", firstLine).doesNotContain(PATIENT);
		}
		softly.assertThat(this.logs.lines).noneMatch((line) -> line.contains(PATIENT));
		softly.assertAll();
	}

	/**
	 * FHIR clients send token searches with the '|' unencoded
	 * ({@code code=http://loinc.org|44261-6}); Tomcat refuses it unless told otherwise.
	 */
	@Test
	void aVerticalBarInTheQueryIsAccepted() throws IOException {
		String response = send("GET /actuator/health?code=http://loinc.org|44261-6 HTTP/1.1\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 200 ");
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			// "Connection: close" after the request line, so every answer ends with EOF
			int lineEnd = request.indexOf("\r\n") + 2;
			String closing = request.substring(0, lineEnd) + "Host: localhost\r\nConnection: close\r\n"
					+ request.substring(lineEnd);
			out.write(closing.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			try {
				in.transferTo(response);
			}
			catch (IOException ex) {
				// a reset after the answer: what was read is the answer
			}
			return response.toString(StandardCharsets.UTF_8);
		}
	}

	private static Logger root() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	/** Every line logged while the test runs, with its stack trace. */
	static final class CapturingAppender extends AppenderBase<ILoggingEvent> {

		final List<String> lines = new CopyOnWriteArrayList<>();

		@Override
		protected void append(ILoggingEvent event) {
			String throwable = (event.getThrowableProxy() != null)
					? ThrowableProxyUtil.asString(event.getThrowableProxy()) : "";
			this.lines.add(event.getLoggerName() + " " + event.getFormattedMessage() + " " + throwable);
		}

	}

}
