package org.stepwise.simulator.earlywarning;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AuRocTest {

	@Test
	void perfectRankingIsOne() {
		assertThat(AuRoc.of(new double[] { 0.6, 0.7, 0.9 }, new double[] { 0.1, 0.2, 0.5 })).isEqualTo(1.0);
	}

	@Test
	void reversedRankingIsZero() {
		assertThat(AuRoc.of(new double[] { 0.1, 0.2 }, new double[] { 0.5, 0.6, 0.9 })).isEqualTo(0.0);
	}

	@Test
	void allTiedIsOneHalf() {
		assertThat(AuRoc.of(new double[] { 0.3, 0.3 }, new double[] { 0.3, 0.3, 0.3 })).isEqualTo(0.5);
	}

	@Test
	void knownExampleWithTies() {
		// Positives 0.4, 0.6, 0.8 against negatives 0.2, 0.4, 0.5, 0.9:
		// 0.4 beats 0.2 and ties 0.4 -> 1.5; 0.6 beats 3 -> 3; 0.8 beats 3 -> 3.
		// U = 7.5 of 3 x 4 = 12 pairs.
		assertThat(AuRoc.of(new double[] { 0.4, 0.6, 0.8 }, new double[] { 0.2, 0.4, 0.5, 0.9 })).isEqualTo(7.5 / 12);
	}

	@Test
	void matchesPairCountingOnLargerTiedData() {
		int size = 400;
		double[] positives = new double[size];
		double[] negatives = new double[size + 37];
		for (int i = 0; i < positives.length; i++) {
			positives[i] = ((i * 7919) % 20) / 20.0 + 0.1;
		}
		for (int i = 0; i < negatives.length; i++) {
			negatives[i] = ((i * 104729) % 20) / 20.0;
		}
		double pairs = 0;
		for (double p : positives) {
			for (double n : negatives) {
				pairs += (p > n) ? 1 : (p == n) ? 0.5 : 0;
			}
		}
		java.util.Arrays.sort(positives);
		java.util.Arrays.sort(negatives);
		assertThat(AuRoc.of(positives, negatives)).isCloseTo(pairs / (positives.length * negatives.length),
				within(1e-12));
	}

	@Test
	void oneSidedDataHasNoAuRoc() {
		assertThat(AuRoc.of(new double[] { 0.4 }, new double[0])).isNaN();
		assertThat(AuRoc.of(new double[0], new double[] { 0.4 })).isNaN();
	}

	@Test
	void curveStepsThroughEachDistinctScoreFromTheTop() {
		List<Figures.RocPoint> curve = AuRoc.curve(new double[] { 0.4, 0.8 }, new double[] { 0.2, 0.4 }, 0);
		assertThat(curve).containsExactly(new Figures.RocPoint(0, 0), new Figures.RocPoint(0, 0.5),
				new Figures.RocPoint(0.5, 1), new Figures.RocPoint(1, 1));
	}

}
