package org.stepwise.simulator.cohort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Spreads an intended total over item-level responses, so the items score to exactly that
 * total and still vary from one administration to the next.
 */
public final class ItemAllocator {

	private ItemAllocator() {
	}

	/**
	 * @param ids the items to fill, in order
	 * @param max every item's top response (items start at 0)
	 * @param total the sum wanted; clamped to {@code [0, ids.size() * max]}
	 */
	public static Map<String, Integer> spread(List<String> ids, int max, int total, RandomGenerator random) {
		int n = ids.size();
		int target = Math.clamp(total, 0, n * max);
		int[] values = new int[n];
		int base = target / n;
		int remainder = target % n;
		for (int i = 0; i < n; i++) {
			values[i] = base;
		}
		while (remainder > 0) {
			int i = random.nextInt(n);
			if (values[i] < max) {
				values[i]++;
				remainder--;
			}
		}
		// Moves of one point from one item to another keep the sum and vary the profile.
		for (int moves = 0; moves < n; moves++) {
			int from = random.nextInt(n);
			int to = random.nextInt(n);
			if (from != to && values[from] > 0 && values[to] < max) {
				values[from]--;
				values[to]++;
			}
		}
		Map<String, Integer> items = new LinkedHashMap<>();
		for (int i = 0; i < n; i++) {
			items.put(ids.get(i), values[i]);
		}
		return items;
	}

}
