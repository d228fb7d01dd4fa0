package io.parley.client;

import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The sends that have no answer yet, by request id, in the order they were made. A send keeps its request
 * id and its {@code clientMsgId} for every retry, on every connection, so the server can answer a retry with
 * the first commit; it leaves only with a SEND_ACK, an ERROR, or its deadline.
 *
 * <p>Not thread-safe: confined to the client's event loop. The futures it completes are completed through
 * the {@link Completer}, so user code never runs on the event loop.
 */
final class PendingSends {
    /** Completes futures away from the event loop. */
    interface Completer {
        <T> void complete(CompletableFuture<T> future, T value);

        void fail(CompletableFuture<?> future, Throwable error);
    }

    /** One send in flight. {@code lastWriteNanos} is 0 while it waits for a connection. */
    static final class PendingSend {
        final int requestId;
        final SendBody body;
        final CompletableFuture<SendResult> future;
        final long deadlineNanos;
        long lastWriteNanos;
        int attempts;
        /** When the server first answered "busy" to this send; 0 when it has not. */
        long busySinceNanos;

        PendingSend(int requestId, SendBody body, CompletableFuture<SendResult> future, long deadlineNanos) {
            this.requestId = requestId;
            this.body = body;
            this.future = future;
            this.deadlineNanos = deadlineNanos;
        }

        /** The SEND frame: the same request id and body (so the same clientMsgId) on every attempt. */
        Frame frame() {
            return Frame.of(Command.SEND, requestId, body);
        }

        /** Records that the frame was written at {@code nowNanos}. */
        void written(long nowNanos) {
            lastWriteNanos = nowNanos;
            attempts++;
        }
    }

    /** How long a send refused as busy is retried before it fails with the busy code. */
    static final long BUSY_RETRY_SECONDS = 30;

    private final Map<Integer, PendingSend> byRequestId = new LinkedHashMap<>();
    private final Completer completer;

    PendingSends(Completer completer) {
        this.completer = completer;
    }

    PendingSend add(int requestId, SendBody body, CompletableFuture<SendResult> future, long deadlineNanos) {
        PendingSend send = new PendingSend(requestId, body, future, deadlineNanos);
        if (byRequestId.putIfAbsent(requestId, send) != null) {
            throw new IllegalStateException("request id " + requestId + " is already pending");
        }
        return send;
    }

    PendingSend get(int requestId) {
        return byRequestId.get(requestId);
    }

    boolean contains(int requestId) {
        return byRequestId.containsKey(requestId);
    }

    int size() {
        return byRequestId.size();
    }

    /** All pending sends, oldest first: what to send again after a reconnect. */
    List<PendingSend> inOrder() {
        return new ArrayList<>(byRequestId.values());
    }

    /** The sends written before {@code olderThanNanos} and still unanswered: to write again. */
    List<PendingSend> unansweredSince(long olderThanNanos) {
        List<PendingSend> out = new ArrayList<>();
        for (PendingSend send : byRequestId.values()) {
            if (send.lastWriteNanos != 0 && send.lastWriteNanos - olderThanNanos <= 0) {
                out.add(send);
            }
        }
        return out;
    }

    /** Marks every send as waiting for a connection (the connection was lost). */
    void connectionLost() {
        for (PendingSend send : byRequestId.values()) {
            send.lastWriteNanos = 0;
        }
    }

    /**
     * A SEND_ACK refusing the send as busy ({@code SERVER_BUSY}: the server is at its bound of work in flight; nothing
     * was stored): the send stays pending, waiting to be written again with the same {@code clientMsgId} (see
     * {@link #waiting()}). After {@value #BUSY_RETRY_SECONDS} s of busy answers, or past its deadline, it fails with
     * the busy code instead. Returns whether it waits; false too when no send has this id.
     */
    boolean busy(int requestId, SendAckBody ack, long nowNanos) {
        PendingSend send = byRequestId.get(requestId);
        if (send == null) {
            return false;
        }
        if (send.busySinceNanos == 0) {
            send.busySinceNanos = nowNanos;
        }
        if (nowNanos - send.busySinceNanos >= TimeUnit.SECONDS.toNanos(BUSY_RETRY_SECONDS)
                || nowNanos - send.deadlineNanos >= 0) {
            acknowledge(requestId, ack);
            return false;
        }
        send.lastWriteNanos = 0; // not waiting for an answer now: written again with the others
        return true;
    }

    /** The sends not written on the current connection (refused as busy, or made meanwhile), oldest first. */
    List<PendingSend> waiting() {
        List<PendingSend> out = new ArrayList<>();
        for (PendingSend send : byRequestId.values()) {
            if (send.lastWriteNanos == 0) {
                out.add(send);
            }
        }
        return out;
    }

    /** A SEND_ACK: completes (code 0) or fails (a refusal) its send. False when no send has this id. */
    boolean acknowledge(int requestId, SendAckBody ack) {
        PendingSend send = byRequestId.remove(requestId);
        if (send == null) {
            return false;
        }
        if (ack.code() == 0) {
            completer.complete(send.future, new SendResult(send.body.clientMsgId(), ack.messageUid(), ack.seq(),
                    ack.sentTime(), ack.inboxSeq()));
        } else {
            completer.fail(send.future, new ImClientException(ack.code(),
                    ack.message() == null ? "send refused" : ack.message()));
        }
        return true;
    }

    /** Fails one send; false when no send has this id. */
    boolean fail(int requestId, ImClientException error) {
        PendingSend send = byRequestId.remove(requestId);
        if (send == null) {
            return false;
        }
        completer.fail(send.future, error);
        return true;
    }

    /** Fails every send whose deadline has passed; returns how many. */
    int expire(long nowNanos) {
        int expired = 0;
        for (var it = byRequestId.values().iterator(); it.hasNext(); ) {
            PendingSend send = it.next();
            if (nowNanos - send.deadlineNanos >= 0) {
                it.remove();
                expired++;
                completer.fail(send.future, new ImClientException(ImClientException.TIMEOUT,
                        "send " + send.body.clientMsgId() + " not acknowledged before its deadline after "
                                + send.attempts + " attempt(s)"));
            }
        }
        return expired;
    }

    /** Fails every send (the client stopped). */
    void failAll(ImClientException error) {
        List<PendingSend> all = inOrder();
        byRequestId.clear();
        for (PendingSend send : all) {
            completer.fail(send.future, error);
        }
    }
}
