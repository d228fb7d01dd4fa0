package io.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.body.WireMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboxSequencerTest {

    static WireMessage msg(long inboxSeq) {
        return new WireMessage(inboxSeq, 1, "bob", "bob", "RC:TxtMsg", "{\"content\":\"" + inboxSeq + "\"}", null,
                null, "uid-" + inboxSeq, inboxSeq, 1000 + inboxSeq, null, true, true);
    }

    static List<Long> seqs(InboxSequencer.Outcome outcome) {
        return outcome.dispatch().stream().map(WireMessage::inboxSeq).toList();
    }

    @Test
    void dispatchesInOrderAndAdvances() {
        InboxSequencer sequencer = new InboxSequencer(0);
        for (long seq = 1; seq <= 3; seq++) {
            InboxSequencer.Outcome outcome = sequencer.accept(msg(seq));
            assertThat(seqs(outcome)).containsExactly(seq);
            assertThat(outcome.gap()).isFalse();
            assertThat(outcome.cursor()).isEqualTo(seq);
        }
        assertThat(sequencer.cursor()).isEqualTo(3);
    }

    @Test
    void dropsDuplicatesAtOrBelowTheCursor() {
        InboxSequencer sequencer = new InboxSequencer(5);
        assertThat(seqs(sequencer.accept(msg(5)))).isEmpty();
        assertThat(seqs(sequencer.accept(msg(2)))).isEmpty();
        assertThat(seqs(sequencer.accept(msg(6)))).containsExactly(6L);
        assertThat(seqs(sequencer.accept(msg(6)))).isEmpty();
        assertThat(sequencer.cursor()).isEqualTo(6);
    }

    @Test
    void aGapBuffersAndAsksForSync() {
        InboxSequencer sequencer = new InboxSequencer(1);
        InboxSequencer.Outcome outcome = sequencer.accept(msg(4));
        assertThat(seqs(outcome)).isEmpty();
        assertThat(outcome.gap()).isTrue();
        assertThat(outcome.cursor()).isEqualTo(1);
        assertThat(sequencer.bufferedCount()).isEqualTo(1);
        // the same buffered message twice is still one
        sequencer.accept(msg(4));
        assertThat(sequencer.bufferedCount()).isEqualTo(1);
    }

    @Test
    void fillingTheGapDrainsBufferedSuccessors() {
        InboxSequencer sequencer = new InboxSequencer(0);
        sequencer.accept(msg(3));
        sequencer.accept(msg(5));
        sequencer.accept(msg(2));
        InboxSequencer.Outcome outcome = sequencer.accept(msg(1));
        assertThat(seqs(outcome)).containsExactly(1L, 2L, 3L);
        assertThat(outcome.gap()).as("5 still waits for 4").isTrue();
        outcome = sequencer.accept(msg(4));
        assertThat(seqs(outcome)).containsExactly(4L, 5L);
        assertThat(outcome.gap()).isFalse();
        assertThat(sequencer.cursor()).isEqualTo(5);
    }

    @Test
    void statusMessagesPassAtOnceAndNeverMoveTheCursor() {
        InboxSequencer sequencer = new InboxSequencer(3);
        sequencer.accept(msg(5));
        InboxSequencer.Outcome outcome = sequencer.accept(msg(0));
        assertThat(seqs(outcome)).containsExactly(0L);
        assertThat(outcome.cursor()).isEqualTo(3);
        assertThat(sequencer.bufferedCount()).isEqualTo(1);
        assertThat(seqs(sequencer.accept(msg(0)))).as("status messages are not de-duplicated").containsExactly(0L);
    }

    @Test
    void syncResultsGoThroughTheSamePathWithoutDuplicates() {
        InboxSequencer sequencer = new InboxSequencer(2);
        sequencer.accept(msg(5)); // pushed while the sync runs
        sequencer.accept(msg(7));
        InboxSequencer.Outcome outcome = sequencer.acceptSyncPage(List.of(msg(2), msg(3), msg(4), msg(5)), 5);
        assertThat(seqs(outcome)).containsExactly(3L, 4L, 5L);
        assertThat(outcome.gap()).as("7 waits for 6").isTrue();
        outcome = sequencer.acceptSyncPage(List.of(msg(6), msg(7), msg(8)), 8);
        assertThat(seqs(outcome)).containsExactly(6L, 7L, 8L);
        assertThat(outcome.gap()).isFalse();
        assertThat(seqs(sequencer.accept(msg(8)))).isEmpty();
        assertThat(seqs(sequencer.accept(msg(9)))).containsExactly(9L);
    }

    @Test
    void aSyncPageVouchesForItsHolesAndItsCursor() {
        InboxSequencer sequencer = new InboxSequencer(0);
        sequencer.accept(msg(12));
        // entries 1..9 were removed by retention: the page starts at 10 and its cursor covers them
        InboxSequencer.Outcome outcome = sequencer.acceptSyncPage(List.of(msg(10), msg(11)), 11);
        assertThat(seqs(outcome)).containsExactly(10L, 11L, 12L);
        assertThat(outcome.cursor()).isEqualTo(12);
        // an empty page whose cursor moved (everything up to 20 expired)
        outcome = sequencer.acceptSyncPage(List.of(), 20);
        assertThat(seqs(outcome)).isEmpty();
        assertThat(outcome.cursor()).isEqualTo(20);
        // a page behind the cursor changes nothing
        outcome = sequencer.acceptSyncPage(List.of(msg(19), msg(20)), 20);
        assertThat(seqs(outcome)).isEmpty();
        assertThat(outcome.cursor()).isEqualTo(20);
    }

    @Test
    void skipGapReleasesTheBufferInOrder() {
        InboxSequencer sequencer = new InboxSequencer(1);
        sequencer.accept(msg(6));
        sequencer.accept(msg(4));
        InboxSequencer.Outcome outcome = sequencer.skipGap();
        assertThat(seqs(outcome)).containsExactly(4L, 6L);
        assertThat(sequencer.cursor()).isEqualTo(6);
        assertThat(sequencer.hasGap()).isFalse();
        assertThat(seqs(sequencer.accept(msg(5)))).as("a late one below the cursor is a duplicate now").isEmpty();
    }

    @Test
    void theBufferIsBoundedByDroppingTheHighest() {
        InboxSequencer sequencer = new InboxSequencer(0, 3);
        for (long seq = 10; seq >= 2; seq--) {
            sequencer.accept(msg(seq));
        }
        assertThat(sequencer.bufferedCount()).isEqualTo(3);
        assertThat(seqs(sequencer.accept(msg(1)))).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void everySeqExactlyOnceInOrderWhateverTheArrivalOrder() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 50; round++) {
            InboxSequencer sequencer = new InboxSequencer(0);
            java.util.List<WireMessage> arrivals = new java.util.ArrayList<>();
            for (long seq = 1; seq <= 100; seq++) {
                arrivals.add(msg(seq));
                if (random.nextInt(4) == 0) {
                    arrivals.add(msg(seq)); // duplicate
                }
            }
            java.util.Collections.shuffle(arrivals, random);
            java.util.List<Long> out = new java.util.ArrayList<>();
            for (WireMessage m : arrivals) {
                out.addAll(seqs(sequencer.accept(m)));
            }
            assertThat(out).hasSize(100).isSorted().doesNotHaveDuplicates();
            assertThat(sequencer.hasGap()).isFalse();
        }
    }
}
