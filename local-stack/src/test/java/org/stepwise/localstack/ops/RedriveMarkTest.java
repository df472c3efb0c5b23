package org.stepwise.localstack.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedriveMarkTest {

	@Test
	void offsetsReDrivenInOrderMoveTheCommittedOffset() {
		RedriveMark mark = RedriveMark.of(-1, "", 0);
		mark.add(0);
		mark.add(1);

		assertThat(mark.next()).isEqualTo(2);
		assertThat(mark.metadata()).isEmpty();
		assertThat(mark.redriven(1)).isTrue();
		assertThat(mark.redriven(2)).isFalse();
	}

	@Test
	void offsetsReDrivenPastOnesLeftBehindAreKeptAsRanges() {
		RedriveMark mark = RedriveMark.of(3, "", 0);
		for (long offset : new long[] { 5, 6, 7, 9 }) {
			mark.add(offset);
		}

		assertThat(mark.next()).isEqualTo(3);
		assertThat(mark.metadata()).isEqualTo("5-7,9");

		RedriveMark read = RedriveMark.of(mark.next(), mark.metadata(), 0);
		assertThat(read.redriven(4)).isFalse();
		assertThat(read.redriven(6)).isTrue();
		assertThat(read.redriven(8)).isFalse();

		// the one left behind goes back later: the offset moves over all that follow it
		read.add(3);
		read.add(4);
		assertThat(read.next()).isEqualTo(8);
		assertThat(read.metadata()).isEqualTo("9");
	}

	@Test
	void recordsDeletedByRetentionDoNotHoldTheOffsetBack() {
		RedriveMark mark = RedriveMark.of(-1, "12,14", 12);

		assertThat(mark.next()).isEqualTo(13);
		assertThat(mark.metadata()).isEqualTo("14");
	}

	@Test
	void aMarkThatWouldOutgrowKafkasMetadataLimitRefusesMore() {
		RedriveMark mark = RedriveMark.of(0, "", 0);
		boolean taken = true;
		for (long offset = 1; taken; offset += 2) {
			taken = mark.add(offset);
		}

		assertThat(mark.metadata().length()).isLessThanOrEqualTo(RedriveMark.MAX_METADATA / 2);
	}

}
