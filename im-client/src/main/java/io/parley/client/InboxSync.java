package io.parley.client;

import io.netty.channel.EventLoop;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.AckBody;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path of one client: feeds DELIVERed and SYNCed messages through the {@link InboxSequencer},
 * hands what it releases to the listeners, runs the SYNC loop (one at a time; a gap still open when a pass
 * ends starts another), and acknowledges processed cursors to the server, coalesced.
 *
 * <p>Not thread-safe: confined to the client's event loop, except {@link #processed(long)}.
 */
final class InboxSync {
    private static final Logger log = LoggerFactory.getLogger(InboxSync.class);
    /** Sync passes in a row that end with the same unfilled hole before the hole is skipped. */
    static final int MAX_FUTILE_SYNCS = 3;
    static final long SYNC_RETRY_MILLIS = 500;

    /** Writes a frame on the current connection; false when there is none. */
    interface FrameSink {
        boolean send(Frame frame);
    }

    private final ClientOptions options;
    private final EventLoop loop;
    private final CallbackDispatcher callbacks;
    private final FrameSink sink;
    private final IntSupplier requestIds;

    private InboxSequencer sequencer;
    private volatile long dispatchedCursor;

    private boolean connected;
    private boolean syncing;
    private int syncRequestId;
    private long syncSentNanos;
    private int futileSyncs;
    private ScheduledFuture<?> syncRetry;

    private long processedCursor;
    private long ackedCursor;
    private long firstUnackedNanos;

    InboxSync(ClientOptions options, EventLoop loop, CallbackDispatcher callbacks, FrameSink sink,
            IntSupplier requestIds) {
        this.options = options;
        this.loop = loop;
        this.callbacks = callbacks;
        this.sink = sink;
        this.requestIds = requestIds;
    }

    boolean initialized() {
        return sequencer != null;
    }

    /** Called once, before the first connection, with the cursor the {@link CursorStore} had. */
    void init(long cursor) {
        if (sequencer == null) {
            sequencer = new InboxSequencer(cursor);
            dispatchedCursor = cursor;
            processedCursor = cursor;
            ackedCursor = cursor;
        }
    }

    /** The cursor to send in CONNECT and SYNC: the last inbox seq handed to the listeners. */
    long cursor() {
        return sequencer == null ? 0 : sequencer.cursor();
    }

    /** Readable from any thread. */
    long dispatchedCursor() {
        return dispatchedCursor;
    }

    /** CONNACK arrived: acknowledge what is pending and sync from the cursor. */
    void onConnected() {
        connected = true;
        syncing = false;
        futileSyncs = 0;
        if (processedCursor > ackedCursor) {
            sendAck();
        }
        requestSync();
    }

    void onDisconnected() {
        connected = false;
        syncing = false;
        cancelRetry();
    }

    void onDeliver(WireMessage message) {
        if (message == null) {
            return;
        }
        InboxSequencer.Outcome outcome = sequencer.accept(message);
        dispatch(outcome);
        if (outcome.gap()) {
            // while a pass runs, the end-of-pass check picks the gap up
            requestSync();
        }
    }

    /** Starts a sync pass unless one is running or there is no connection. */
    void requestSync() {
        if (!connected || syncing) {
            return;
        }
        cancelRetry();
        int requestId = requestIds.getAsInt();
        if (sink.send(Frame.of(Command.SYNC, requestId, new SyncBody(sequencer.cursor(), null,
                options.syncPageSize())))) {
            syncing = true;
            syncRequestId = requestId;
            syncSentNanos = System.nanoTime();
        }
    }

    /** A SYNC_RESULT; false when it answers no sync of ours. */
    boolean onSyncResult(int requestId, SyncResultBody page) {
        if (!syncing || requestId != syncRequestId) {
            return false;
        }
        syncing = false;
        long before = sequencer.cursor();
        dispatch(sequencer.acceptSyncPage(page.inboxMessages(), page.inboxCursor()));
        if (page.conversationMessages() != null && !page.conversationMessages().isEmpty()) {
            log.debug("ignoring {} conversation messages: this client sends no conversation cursors",
                    page.conversationMessages().size());
        }
        boolean progress = sequencer.cursor() > before;
        if (page.finished() && !sequencer.hasGap()) {
            futileSyncs = 0;
        } else if (progress) {
            futileSyncs = 0;
            requestSync();
        } else {
            stalled(page.finished());
        }
        return true;
    }

    /** An ERROR answering a SYNC; false when it answers no sync of ours. */
    boolean onSyncError(int requestId) {
        if (!syncing || requestId != syncRequestId) {
            return false;
        }
        syncing = false;
        scheduleRetry();
        return true;
    }

    /** Periodic work; returns false when a SYNC went unanswered too long (the connection is deemed broken). */
    boolean tick(long nowNanos) {
        if (!connected) {
            return true;
        }
        if (processedCursor > ackedCursor && nowNanos - firstUnackedNanos >= options.ackInterval().toNanos()) {
            sendAck();
        }
        return !syncing || nowNanos - syncSentNanos < options.commandTimeout().toNanos();
    }

    /** The ACK to send before DISCONNECT, or null when everything processed has been acknowledged. */
    Frame finalAck() {
        if (processedCursor <= ackedCursor) {
            return null;
        }
        ackedCursor = processedCursor;
        return Frame.of(Command.ACK, 0, new AckBody(processedCursor));
    }

    /** Called on the callback thread once the listeners have processed everything up to {@code cursor}. */
    void processed(long cursor) {
        try {
            loop.execute(() -> onProcessed(cursor));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("event loop gone; not acknowledging {}", cursor);
        }
    }

    private void onProcessed(long cursor) {
        if (cursor <= processedCursor) {
            return;
        }
        if (processedCursor <= ackedCursor) {
            firstUnackedNanos = System.nanoTime();
        }
        processedCursor = cursor;
        if (connected && processedCursor - ackedCursor >= options.ackEveryMessages()) {
            sendAck();
        }
    }

    private void sendAck() {
        if (sink.send(Frame.of(Command.ACK, 0, new AckBody(processedCursor)))) {
            ackedCursor = processedCursor;
        }
    }

    private void stalled(boolean finished) {
        futileSyncs++;
        if (futileSyncs < MAX_FUTILE_SYNCS) {
            scheduleRetry();
            return;
        }
        futileSyncs = 0;
        if (finished && sequencer.hasGap()) {
            long from = sequencer.cursor() + 1;
            InboxSequencer.Outcome outcome = sequencer.skipGap();
            log.warn("inbox entries after {} below the buffered ones never arrived through {} sync passes; "
                    + "skipping them, cursor now {}", from - 1, MAX_FUTILE_SYNCS, outcome.cursor());
            dispatch(outcome);
        } else if (!finished) {
            log.warn("sync stopped making progress at inbox cursor {} without finishing", sequencer.cursor());
        }
    }

    private void scheduleRetry() {
        cancelRetry();
        syncRetry = loop.schedule(this::requestSync, SYNC_RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void cancelRetry() {
        if (syncRetry != null) {
            syncRetry.cancel(false);
            syncRetry = null;
        }
    }

    private void dispatch(InboxSequencer.Outcome outcome) {
        if (outcome.dispatch().isEmpty() && outcome.cursor() <= dispatchedCursor) {
            return;
        }
        dispatchedCursor = Math.max(dispatchedCursor, outcome.cursor());
        callbacks.messages(outcome.dispatch(), outcome.cursor(), this::processed);
    }
}
