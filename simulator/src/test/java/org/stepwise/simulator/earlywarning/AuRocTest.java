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

	/**
	 * The clustered standard error of patients given as {positive scores, negative
	 * scores}.
	 */
	static double standardError(double[][][] patients) {
		double[] positives = java.util.Arrays.stream(patients)
			.flatMapToDouble((p) -> java.util.Arrays.stream(p[0]))
			.sorted()
			.toArray();
		double[] negatives = java.util.Arrays.stream(patients)
			.flatMapToDouble((p) -> java.util.Arrays.stream(p[1]))
			.sorted()
			.toArray();
		double[] positivePlacements = new double[patients.length];
		int[] positiveCounts = new int[patients.length];
		double[] negativePlacements = new double[patients.length];
		int[] negativeCounts = new int[patients.length];
		for (int i = 0; i < patients.length; i++) {
			for (double score : patients[i][0]) {
				positivePlacements[i] += AuRoc.placementAmongNegatives(score, negatives);
				positiveCounts[i]++;
			}
			for (double score : patients[i][1]) {
				negativePlacements[i] += AuRoc.placementAmongPositives(score, positives);
				negativeCounts[i]++;
			}
		}
		return AuRoc.clusteredStandardError(AuRoc.of(positives, negatives), positivePlacements, positiveCounts,
				negativePlacements, negativeCounts);
	}

	@Test
	void placementsCountTiesAsHalf() {
		double[] sorted = { 0.2, 0.4, 0.4, 0.9 };
		assertThat(AuRoc.placementAmongNegatives(0.4, sorted)).isEqualTo(2.0 / 4);
		assertThat(AuRoc.placementAmongPositives(0.4, sorted)).isEqualTo(2.0 / 4);
		assertThat(AuRoc.placementAmongNegatives(0.5, sorted)).isEqualTo(3.0 / 4);
		assertThat(AuRoc.placementAmongPositives(0.1, sorted)).isEqualTo(1.0);
	}

	@Test
	void withOneDayPerPatientTheErrorIsDeLongs() {
		// The known example: placements of the positives 0.375, 0.75, 0.75 and of the
		// negatives 1, 5/6, 2/3, 0 around the auROC 0.625; 7 patients.
		double[][][] patients = { { { 0.4 }, {} }, { { 0.6 }, {} }, { { 0.8 }, {} }, { {}, { 0.2 } }, { {}, { 0.4 } },
				{ {}, { 0.5 } }, { {}, { 0.9 } } };
		double positiveSquares = 0.0625 + 0.015625 + 0.015625;
		double negativeSquares = 0.140625 + 25.0 / 576 + 1.0 / 576 + 0.390625;
		assertThat(standardError(patients)).isCloseTo(Math.sqrt(7.0 / 6 * (positiveSquares / 9 + negativeSquares / 16)),
				within(1e-12));
	}

	@Test
	void copiesOfDaysWithinAPatientAddNoInformation() {
		double[][][] patients = { { { 0.7, 0.4 }, { 0.2, 0.3 } }, { { 0.5 }, { 0.6, 0.1, 0.3 } }, { {}, { 0.2, 0.45 } },
				{ { 0.9, 0.35 }, { 0.5 } }, { {}, { 0.15, 0.25, 0.55 } } };
		double[][][] tripled = new double[patients.length][][];
		double[][][] apart = new double[3 * patients.length][][];
		for (int i = 0; i < patients.length; i++) {
			tripled[i] = new double[][] { triple(patients[i][0]), triple(patients[i][1]) };
			for (int copy = 0; copy < 3; copy++) {
				apart[3 * i + copy] = patients[i];
			}
		}
		double error = standardError(patients);
		assertThat(error).isGreaterThan(0.05);
		// Three copies of every day inside the same patient: the same auROC, the same
		// error.
		assertThat(standardError(tripled)).isCloseTo(error, within(1e-12));
		// The same copies as if they were other patients would look more precise.
		assertThat(standardError(apart)).isLessThan(error * 0.75);
	}

	@Test
	void perfectSeparationHasNoError() {
		double[][][] patients = { { { 0.9 }, { 0.1 } }, { { 0.8, 0.7 }, { 0.2 } }, { {}, { 0.3 } } };
		assertThat(standardError(patients)).isZero();
		assertThat(standardError(new double[][][] { { { 0.9 }, { 0.1 } } })).isNaN();
	}

	private static double[] triple(double[] days) {
		double[] tripled = new double[3 * days.length];
		for (int i = 0; i < tripled.length; i++) {
			tripled[i] = days[i / 3];
		}
		return tripled;
	}

}
