package org.stepwise.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error page, for what Tomcat refuses before Spring sees it (a request target
 * with an encoded slash, NUL, a backslash or other invalid characters, headers too large,
 * a malformed method): an RFC 9457 problem document instead of an HTML page. The refused
 * target is neither echoed nor logged (it may name a patient).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

	/**
	 * Makes this valve the host's error report valve, replacing Tomcat's (and the one
	 * Spring Boot configures).
	 */
	public static void install(Container host) {
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve) {
				host.getPipeline().removeValve(valve);
			}
		}
		if (host instanceof StandardHost standardHost) {
			// so the host does not add its default one when it starts
			standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
		host.getPipeline().addValve(new ProblemErrorReportValve());
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// as Tomcat's: only an error without a body yet, reported once, while I/O is
		// allowed
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		if (status < 500) {
			log.info("Refused a malformed request: {} {}", status,
					(throwable != null) ? throwable.getClass().getSimpleName() : title);
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				// fixed text only: nothing from the request
				writer.write("{\"type\":\"https://stepwise.example/problems/"
						+ ((status < 500) ? "malformed_request" : "internal_error") + "\",\"title\":\"" + title
						+ "\",\"status\":" + status + ",\"detail\":\"The request could not be processed\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone: nothing to report to
		}
	}

}
