package io.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PendingSendsTest {
    /** Completes inline: the test runs on one thread. */
    private static final PendingSends.Completer INLINE = new PendingSends.Completer() {
        @Override
        public <T> void complete(CompletableFuture<T> future, T value) {
            future.complete(value);
        }

        @Override
        public void fail(CompletableFuture<?> future, Throwable error) {
            future.completeExceptionally(error);
        }
    };

    private final PendingSends sends = new PendingSends(INLINE);

    private static SendBody body(String clientMsgId) {
        return new SendBody(clientMsgId, 1, "bob", "RC:TxtMsg", "{}", null, null, null, null);
    }

    @Test
    void everyRetryCarriesTheSameClientMsgIdAndRequestId() {
        CompletableFuture<SendResult> future = new CompletableFuture<>();
        PendingSends.PendingSend send = sends.add(7, body("cm-1"), future, Long.MAX_VALUE);
        send.written(100);
        sends.connectionLost();
        assertThat(sends.unansweredSince(1_000)).isEmpty(); // waiting for a connection, not in flight
        // after reconnect: the frame written again is the same
        PendingSends.PendingSend again = sends.inOrder().get(0);
        assertThat(again.frame()).isEqualTo(send.frame());
        assertThat(again.frame().body(SendBody.class).clientMsgId()).isEqualTo("cm-1");
        assertThat(again.frame().requestId()).isEqualTo(7);
        again.written(200);
        assertThat(sends.unansweredSince(150)).isEmpty();
        assertThat(sends.unansweredSince(250)).containsExactly(again);
        assertThat(again.attempts).isEqualTo(2);

        assertThat(sends.acknowledge(7, new SendAckBody(0, null, "cm-1", "uid-1", 3, 99, 12))).isTrue();
        assertThat(future.join()).isEqualTo(new SendResult("cm-1", "uid-1", 3, 99, 12));
        assertThat(sends.acknowledge(7, new SendAckBody(0, null, "cm-1", "uid-1", 3, 99, 12)))
                .as("a late duplicate ack").isFalse();
    }

    @Test
    void aRefusalFailsWithTheServersCode() {
        CompletableFuture<SendResult> future = new CompletableFuture<>();
        sends.add(1, body("cm-2"), future, Long.MAX_VALUE);
        sends.acknowledge(1, new SendAckBody(20604, "too fast", "cm-2", null, 0, 0, 0));
        assertThat(future).isCompletedExceptionally();
        assertThat(future.handle((r, e) -> ((ImClientException) e).code()).join()).isEqualTo(20604);
        assertThat(sends.size()).isZero();
    }

    @Test
    void expiresPastTheDeadlineInOrderOfCreation() {
        CompletableFuture<SendResult> early = new CompletableFuture<>();
        CompletableFuture<SendResult> late = new CompletableFuture<>();
        sends.add(1, body("a"), early, 1_000);
        sends.add(2, body("b"), late, 5_000);
        assertThat(sends.expire(999)).isZero();
        assertThat(sends.expire(1_000)).isEqualTo(1);
        assertThat(early.handle((r, e) -> ((ImClientException) e).code()).join()).isEqualTo(ImClientException.TIMEOUT);
        assertThat(late).isNotDone();
        sends.failAll(new ImClientException(ImClientException.CLIENT_CLOSED, "closed"));
        assertThat(late.handle((r, e) -> ((ImClientException) e).code()).join())
                .isEqualTo(ImClientException.CLIENT_CLOSED);
    }

    @Test
    void sendsRefusedAsBusyWaitInTheOrderTheyWereMadeAndFailAfterThirtySeconds() {
        SendAckBody busy = new SendAckBody(33012, "busy", null, null, 0, 0, 0);
        CompletableFuture<SendResult> first = new CompletableFuture<>();
        CompletableFuture<SendResult> second = new CompletableFuture<>();
        sends.add(1, body("cm-a"), first, Long.MAX_VALUE).written(10);
        sends.add(2, body("cm-b"), second, Long.MAX_VALUE).written(10);
        // the answers come in the other order; the rewrite keeps the order of the sends
        assertThat(sends.busy(2, busy, 20)).isTrue();
        assertThat(sends.busy(1, busy, 20)).isTrue();
        assertThat(sends.waiting()).extracting(send -> send.body.clientMsgId()).containsExactly("cm-a", "cm-b");
        assertThat(first).isNotDone();

        sends.waiting().forEach(send -> send.written(30));
        assertThat(sends.waiting()).isEmpty();
        long thirtySeconds = TimeUnit.SECONDS.toNanos(PendingSends.BUSY_RETRY_SECONDS);
        assertThat(sends.busy(1, busy, 20 + thirtySeconds - 1)).as("still within the busy budget").isTrue();
        assertThat(sends.busy(1, busy, 20 + thirtySeconds)).isFalse();
        assertThat(first.handle((r, e) -> ((ImClientException) e).code()).join()).isEqualTo(33012);
        assertThat(sends.contains(2)).isTrue();
    }
}
