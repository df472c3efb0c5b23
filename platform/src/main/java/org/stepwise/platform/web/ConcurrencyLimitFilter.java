package org.stepwise.platform.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import org.stepwise.platform.security.SecurityProblems;

/**
 * Backpressure for the API: at most {@code stepwise.http.max-concurrent-requests}
 * requests are worked on at once; a request that finds no room within
 * {@code stepwise.http.queue-wait} is answered 503 with {@code Retry-After} and nothing
 * stored, so the client retries it later. With virtual threads Tomcat would otherwise
 * accept every request at once, and a burst beyond what the store can commit piles up in
 * the heap until the service runs out of memory (measured: assessment-service, 256 MiB,
 * at 200 requests/s). Actuator endpoints are not limited, so health and scrapes still
 * answer under load; an SSE stream holds its permit only until it goes asynchronous.
 */
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

	private final Semaphore permits;

	private final long waitNanos;

	private final Counter overloaded;

	public ConcurrencyLimitFilter(int maxConcurrent, Duration queueWait, MeterRegistry meters) {
		this.permits = new Semaphore(maxConcurrent, true);
		this.waitNanos = queueWait.toNanos();
		this.overloaded = ProblemDetailsAdvice.rejections(meters, "overloaded");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/actuator");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean admitted;
		try {
			admitted = this.permits.tryAcquire(this.waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			admitted = false;
		}
		if (!admitted) {
			this.overloaded.increment();
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			SecurityProblems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
					"The service is at capacity; nothing was stored. Retry after a second.");
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.permits.release();
		}
	}

}
