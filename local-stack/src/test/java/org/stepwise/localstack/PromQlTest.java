package org.stepwise.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

	@Test
	void findsTheSelectedMetricsAndNothingElse() {
		assertThat(PromQl.metricNames(
				"histogram_quantile(0.9, sum by (severity, le) (increase(stepwise_alerts_time_to_acknowledge_seconds_bucket{le=\"900.0\", x=~\"a|b\"}[7d]))) "
						+ "and on (severity) (sum by (severity) (increase(stepwise_alerts_time_to_acknowledge_seconds_count[7d] offset 10m)) >= 11)"))
			.containsExactly("stepwise_alerts_time_to_acknowledge_seconds_bucket",
					"stepwise_alerts_time_to_acknowledge_seconds_count");
		assertThat(PromQl.metricNames("up{job=~\"stepwise-.*\"} == 0")).containsExactly("up");
		assertThat(PromQl
			.metricNames("sum by (a) (x_total unless x_total offset 10m) > 0 or max without (b) (y) * 60 / bool z"))
			.containsExactly("x_total", "y", "z");
	}

}
