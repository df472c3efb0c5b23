package org.stepwise.platform.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitFilterTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(50), this.meters);

	@Test
	void aRequestBeyondTheLimitIsAnswered503WithRetryAfterAndNeverReachesTheHandler() throws Exception {
		CountDownLatch inHandler = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> {
			MockHttpServletResponse response = new MockHttpServletResponse();
			try {
				this.filter.doFilter(post(), response, (request, res) -> {
					inHandler.countDown();
					await(release);
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return response;
		});
		assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();

		MockHttpServletResponse refused = new MockHttpServletResponse();
		MockFilterChain refusedChain = new MockFilterChain();
		this.filter.doFilter(post(), refused, refusedChain);
		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(refused.getContentAsString()).contains("overloaded").contains("nothing was stored");
		assertThat(refusedChain.getRequest()).as("handler not called").isNull();
		assertThat(this.meters.get("stepwise.http.rejected").tag("reason", "overloaded").counter().count())
			.isEqualTo(1);

		release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
		MockFilterChain admittedChain = new MockFilterChain();
		this.filter.doFilter(post(), new MockHttpServletResponse(), admittedChain);
		assertThat(admittedChain.getRequest()).as("the permit came back").isNotNull();
	}

	@Test
	void actuatorEndpointsAnswerEvenWhenTheApiIsFull() throws Exception {
		CountDownLatch inHandler = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> {
			try {
				this.filter.doFilter(post(), new MockHttpServletResponse(), (request, res) -> {
					inHandler.countDown();
					await(release);
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
		MockFilterChain health = new MockFilterChain();
		this.filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), new MockHttpServletResponse(),
				health);
		assertThat(health.getRequest()).isNotNull();
		release.countDown();
		busy.get(5, TimeUnit.SECONDS);
	}

	private static MockHttpServletRequest post() {
		return new MockHttpServletRequest("POST", "/api/v1/check-ins");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
