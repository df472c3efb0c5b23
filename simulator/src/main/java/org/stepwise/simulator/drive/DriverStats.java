package org.stepwise.simulator.drive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the services answered, per endpoint and status code (0 for no answer), with a few
 * sample bodies of the non-2xx answers (problem details carry no patient data).
 */
public final class DriverStats {

	private static final int SAMPLES_PER_ENDPOINT = 3;

	private final ConcurrentMap<String, ConcurrentMap<Integer, LongAdder>> counts = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, List<String>> samples = new ConcurrentHashMap<>();

	void record(String endpoint, int status, String body) {
		this.counts.computeIfAbsent(endpoint, (e) -> new ConcurrentHashMap<>())
			.computeIfAbsent(status, (s) -> new LongAdder())
			.increment();
		if (status < 200 || status >= 300) {
			List<String> list = this.samples.computeIfAbsent(endpoint, (e) -> new ArrayList<>());
			synchronized (list) {
				if (list.size() < SAMPLES_PER_ENDPOINT) {
					list.add(status + " " + ((body.length() > 300) ? body.substring(0, 300) + "..." : body));
				}
			}
		}
	}

	/** Counts by endpoint, then status code, sorted. */
	public Map<String, Map<Integer, Long>> counts() {
		Map<String, Map<Integer, Long>> result = new TreeMap<>();
		this.counts.forEach((endpoint, byStatus) -> {
			Map<Integer, Long> sorted = new TreeMap<>();
			byStatus.forEach((status, count) -> sorted.put(status, count.sum()));
			result.put(endpoint, sorted);
		});
		return result;
	}

	public long total() {
		return this.counts.values().stream().flatMap((m) -> m.values().stream()).mapToLong(LongAdder::sum).sum();
	}

	public long count(String endpoint, int statusClass) {
		Map<Integer, LongAdder> byStatus = this.counts.getOrDefault(endpoint, new ConcurrentHashMap<>());
		return byStatus.entrySet()
			.stream()
			.filter((e) -> e.getKey() / 100 == statusClass)
			.mapToLong((e) -> e.getValue().sum())
			.sum();
	}

	public Map<String, List<String>> samples() {
		return new TreeMap<>(this.samples);
	}

	/**
	 * One line per endpoint: {@code endpoint  2xx  4xx  5xx  other  (status: count ...)}.
	 */
	public String table() {
		StringBuilder out = new StringBuilder(
				String.format("%-34s %7s %7s %7s %7s  %s%n", "endpoint", "2xx", "4xx", "5xx", "none", "by status"));
		counts().forEach((endpoint, byStatus) -> out.append(String.format("%-34s %7d %7d %7d %7d  %s%n", endpoint,
				count(endpoint, 2), count(endpoint, 4), count(endpoint, 5), count(endpoint, 0), byStatus)));
		return out.toString();
	}

}
