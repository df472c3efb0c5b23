package org.stepwise.localstack.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What has been re-driven from one dead-letter partition, kept as the committed offset of
 * a consumer group nobody joins: every offset below {@link #next()} was re-driven, and
 * the offsets re-driven beyond it (past records a filter left behind) are listed in the
 * commit's metadata as ranges, e.g. {@code 12-40,45}. So a second run re-drives nothing
 * twice, and a record left behind by one run's filter can still be re-driven by another.
 */
final class RedriveMark {

	/** Kafka's default limit for offset metadata ({@code offset.metadata.max.bytes}). */
	static final int MAX_METADATA = 4096;

	private long next;

	private final TreeSet<Long> ahead = new TreeSet<>();

	private RedriveMark(long next) {
		this.next = next;
	}

	/**
	 * @param committed the committed offset, or -1 for none
	 * @param metadata the commit's metadata (ranges), or empty
	 * @param logStart the partition's first offset still kept (records before it are
	 * gone)
	 */
	static RedriveMark of(long committed, String metadata, long logStart) {
		RedriveMark mark = new RedriveMark(Math.max(0, committed));
		if (metadata != null && !metadata.isBlank()) {
			for (String range : metadata.split(",")) {
				String[] ends = range.trim().split("-");
				long from = Long.parseLong(ends[0]);
				long to = (ends.length > 1) ? Long.parseLong(ends[1]) : from;
				for (long offset = from; offset <= to; offset++) {
					mark.ahead.add(offset);
				}
			}
		}
		mark.next = Math.max(mark.next, logStart);
		mark.ahead.headSet(mark.next).clear();
		mark.compact();
		return mark;
	}

	boolean redriven(long offset) {
		return offset < this.next || this.ahead.contains(offset);
	}

	/**
	 * Marks {@code offset} re-driven; false if the mark would outgrow the metadata limit.
	 */
	boolean add(long offset) {
		if (redriven(offset)) {
			return true;
		}
		this.ahead.add(offset);
		compact();
		if (metadata().length() > MAX_METADATA / 2) {
			this.ahead.remove(offset);
			return false;
		}
		return true;
	}

	long next() {
		return this.next;
	}

	String metadata() {
		List<String> ranges = new ArrayList<>();
		Long from = null;
		Long to = null;
		for (long offset : this.ahead) {
			if (to != null && offset == to + 1) {
				to = offset;
				continue;
			}
			if (from != null) {
				ranges.add(range(from, to));
			}
			from = offset;
			to = offset;
		}
		if (from != null) {
			ranges.add(range(from, to));
		}
		return String.join(",", ranges);
	}

	private static String range(long from, long to) {
		return (from == to) ? Long.toString(from) : from + "-" + to;
	}

	private void compact() {
		while (this.ahead.remove(this.next)) {
			this.next++;
		}
	}

}
