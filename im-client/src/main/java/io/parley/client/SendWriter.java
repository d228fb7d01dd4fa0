package io.parley.client;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.parley.api.error.StandardErrorCode;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this client's sends, always in the order they were made: at once while connected, all of them again on
 * each new connection, again when a SEND_ACK is late ({@code sendAckTimeout}), and, when the server refused them as
 * busy, all waiting sends again after a backoff (a new send waits behind the refused ones meanwhile). What is
 * pending is kept in {@link PendingSends}.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class SendWriter {
    private static final Logger log = LoggerFactory.getLogger(SendWriter.class);

    private final ClientOptions options;
    private final EventLoop loop;
    private final PendingSends sends;
    /** The connection while it is up (after CONNACK), else null. */
    private final Supplier<Channel> connected;
    /** Spaces the rewrites of sends the server refused as busy: 100 ms, doubling to 5 s, with jitter. */
    private final Backoff busyBackoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    /** The rewrite of the sends refused as busy, while one is scheduled. */
    private ScheduledFuture<?> busyRetry;

    SendWriter(ClientOptions options, EventLoop loop, PendingSends sends, Supplier<Channel> connected) {
        this.options = options;
        this.loop = loop;
        this.sends = sends;
        this.connected = connected;
    }

    /** Keeps a new send until its deadline and writes it now if connected and no busy retry is waiting. */
    void send(int requestId, SendBody body, CompletableFuture<SendResult> future) {
        long now = System.nanoTime();
        PendingSends.PendingSend send = sends.add(requestId, body, future, now + options.sendDeadline().toNanos());
        // while the server says busy, a new send waits behind the refused ones
        Channel ch = connected.get();
        if (busyRetry == null && ch != null) {
            ch.writeAndFlush(send.frame());
            send.written(now);
        }
    }

    /** A SEND_ACK: completes the send, or, when the server is busy, schedules the rewrite of the waiting sends. */
    void onSendAck(int requestId, SendAckBody ack) {
        if (ack.code() == StandardErrorCode.SERVER_BUSY.code()) {
            if (sends.busy(requestId, ack, System.nanoTime()) && busyRetry == null) {
                busyRetry = loop.schedule(this::resendAfterBusy, busyBackoff.next().toNanos(), TimeUnit.NANOSECONDS);
            }
        } else {
            if (ack.code() == 0) {
                busyBackoff.reset();
            }
            if (!sends.acknowledge(requestId, ack)) {
                log.debug("SEND_ACK for request {} that is no longer pending", requestId);
            }
        }
    }

    /** On a new connection (after CONNACK): writes every pending send, in order, and drops a scheduled busy retry. */
    void writeAllOn(Channel ch) {
        long now = System.nanoTime();
        cancelBusyRetry();
        for (PendingSends.PendingSend send : sends.inOrder()) {
            ch.write(send.frame());
            send.written(now);
        }
        ch.flush();
    }

    /** Fails the sends past their deadline. */
    void expire(long now) {
        sends.expire(now);
    }

    /** Writes again, on {@code ch}, the sends written more than {@code sendAckTimeout} ago and still unanswered. */
    void resendLate(Channel ch, long now) {
        List<PendingSends.PendingSend> late = sends.unansweredSince(now - options.sendAckTimeout().toNanos());
        for (PendingSends.PendingSend send : late) {
            log.debug("no SEND_ACK for {} within {}; sending it again", send.body.clientMsgId(),
                    options.sendAckTimeout());
            ch.write(send.frame());
            send.written(now);
        }
        if (!late.isEmpty()) {
            ch.flush();
        }
    }

    /** An ERROR answering a send: fails it; false when no send has that request id. */
    boolean fail(int requestId, ImClientException error) {
        return sends.fail(requestId, error);
    }

    /** The connection is gone: the sends wait for the next one. */
    void connectionLost() {
        sends.connectionLost();
    }

    void failAll(ImClientException error) {
        sends.failAll(error);
    }

    /**
     * After the busy backoff: writes every send waiting (those refused as busy, and those made meanwhile) in the
     * order they were made, so that a retry never overtakes an earlier send.
     */
    private void resendAfterBusy() {
        busyRetry = null;
        Channel ch = connected.get();
        if (ch == null) {
            return; // the next CONNACK writes them
        }
        long now = System.nanoTime();
        for (PendingSends.PendingSend send : sends.waiting()) {
            ch.write(send.frame());
            send.written(now);
        }
        ch.flush();
    }

    private void cancelBusyRetry() {
        if (busyRetry != null) {
            busyRetry.cancel(false);
            busyRetry = null;
        }
    }
}
