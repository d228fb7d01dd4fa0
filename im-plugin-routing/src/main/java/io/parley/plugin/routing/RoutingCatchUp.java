package io.parley.plugin.routing;

import io.parley.api.model.Message;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import io.parley.plugin.routing.outbox.MapDbOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up at start: queues the messages the previous run committed but never put in the outbox (it was
 * killed between a message's commit and the outbox append, while the event sat in the kernel's in-memory
 * listener queue).
 *
 * <p>It scans storage for messages sent in {@code [highWater - replay-window, now]} (the outbox's high-water
 * mark is the greatest {@code msgTimestamp} it ever queued; a lost message was sent at or after it, or a
 * little before when commits ran concurrently), applies the listener's filters, leaves out the msgUIDs the
 * outbox remembers queuing, and appends the rest in commit order (by sent time, then seq: within one
 * conversation a higher seq never has an earlier sent time). The outbox's writer checks the msgUID again as
 * it appends, so a message the listener queues meanwhile is never queued twice.
 *
 * <p>It runs on the thread opening the outbox, while the kernel gathers the plugins' contributions: before
 * the listener exists, so before any new message can be routed, which keeps each conversation in order.
 * Memory stays bounded: the range is read in time slices of at most {@value #SLICE_LIMIT} messages, a
 * slice that holds more being halved and read again.
 */
final class RoutingCatchUp {
    private static final Logger log = LoggerFactory.getLogger(RoutingCatchUp.class);
    static final int SLICE_LIMIT = 10_000;
    private static final long FIRST_SLICE_MILLIS = 60_000;
    private static final long MAX_SLICE_MILLIS = TimeUnit.HOURS.toMillis(1);

    private RoutingCatchUp() {
    }

    /** A slice held more than {@link #SLICE_LIMIT} messages: stops its scan. */
    private static final class SliceTooLarge extends RuntimeException {
        SliceTooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * Queues what the previous run missed and returns how many messages were queued; 0 when there is nothing
     * to catch up with (a new outbox, no message routing) or the storage cannot scan by time (logged).
     */
    static long run(StorageProvider storage, RoutingListener listener, MapDbOutbox outbox, Clock clock,
            Duration replayWindow) {
        if (!listener.routesMessages()) {
            return 0;
        }
        OptionalLong highWater = outbox.recentMessages().messageHighWater();
        if (highWater.isEmpty()) {
            log.info("routing: no message was ever queued in this outbox; nothing to catch up with");
            return 0;
        }
        if (!storage.capabilities().contains(StorageCapability.SCAN_BY_TIME)) {
            log.warn("routing: the storage provider cannot scan messages by time (SCAN_BY_TIME): messages committed "
                    + "but not yet queued for routing when the server is killed (kill -9) are not recovered at start");
            return 0;
        }
        long from = Math.max(0, highWater.getAsLong() - replayWindow.toMillis());
        long end = Math.max(clock.millis(), highWater.getAsLong()) + 1;
        long started = System.nanoTime();
        long recovered = scan(storage.messages(), listener, outbox, from, end);
        if (recovered > 0) {
            try {
                outbox.flush().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("routing: the recovered messages were queued but their commit did not complete yet", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("routing: recovered {} committed message(s) the previous run had not queued (sent {} to {}, {} ms)",
                recovered, Instant.ofEpochMilli(from), Instant.ofEpochMilli(end - 1), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return recovered;
    }

    private static long scan(MessageStore messages, RoutingListener listener, MapDbOutbox outbox, long from,
            long end) {
        long recovered = 0;
        long span = FIRST_SLICE_MILLIS;
        while (from < end) {
            long sliceFrom = from;
            long sliceTo = Math.min(end, from + span);
            List<Message> slice = new ArrayList<>();
            try {
                messages.scanByTime(sliceFrom, sliceTo, message -> {
                    if (listener.routes(message) && !outbox.recentMessages().recentlyAppended(message.messageUid())) {
                        slice.add(message);
                        if (slice.size() > SLICE_LIMIT && sliceTo - sliceFrom > 1) {
                            throw new SliceTooLarge();
                        }
                    }
                });
            } catch (SliceTooLarge tooLarge) {
                span = Math.max(1, (sliceTo - sliceFrom) / 2);
                continue;
            }
            slice.sort(Comparator.comparingLong(Message::sentTime).thenComparingLong(Message::seq));
            for (Message message : slice) {
                outbox.append(RoutingListener.recoveredMessageEvent(message));
            }
            recovered += slice.size();
            from = sliceTo;
            if (slice.size() < SLICE_LIMIT / 4) {
                span = Math.min(MAX_SLICE_MILLIS, span * 2);
            }
        }
        return recovered;
    }
}
