package org.stepwise.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Every log line of this JVM, as written (formatted message plus the whole stack trace
 * with its causes), for tests of the log policy: no patient id in any line. Open it after
 * the Spring context started (Boot resets Logback's appenders while starting).
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private CapturedLogs() {
	}

	public static CapturedLogs open() {
		CapturedLogs logs = new CapturedLogs();
		logs.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		logs.setName("captured-logs");
		logs.start();
		root().addAppender(logs);
		return logs;
	}

	@Override
	protected void append(ILoggingEvent event) {
		StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
			.append(event.getLevel())
			.append(' ')
			.append(event.getFormattedMessage());
		IThrowableProxy thrown = event.getThrowableProxy();
		if (thrown != null) {
			line.append('\n').append(ThrowableProxyUtil.asString(thrown));
		}
		this.lines.add(line.toString());
	}

	/** The captured lines, a snapshot. */
	public List<String> lines() {
		return List.copyOf(this.lines);
	}

	/** The lines that contain any of these strings (say, the patient ids a test used). */
	public List<String> linesContaining(Iterable<String> needles) {
		return this.lines.stream().filter((line) -> {
			for (String needle : needles) {
				if (line.contains(needle)) {
					return true;
				}
			}
			return false;
		}).toList();
	}

	@Override
	public void close() {
		root().detachAppender(this);
		stop();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
