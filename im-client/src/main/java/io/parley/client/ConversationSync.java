package io.parley.client;

import io.netty.channel.EventLoop;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConversationCursor;
import io.parley.protocol.body.ConversationHead;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path of a client's groups, which the server keeps by read diffusion (one log per group, no inbox
 * copies): one cursor and one {@link InboxSequencer} (by conversation seq) per group. After each connect it asks
 * for the heads of the user's groups, page by page, and pulls every group behind its head; a DELIVER of a group
 * message is sequenced in its group, and a gap pulls that group. One SYNC at a time, one group per pull (so that a
 * group the user has left, refused with 22406, costs only itself). Cursors are saved through the
 * {@link CursorStore} once the listeners have processed the messages.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class ConversationSync {
    private static final Logger log = LoggerFactory.getLogger(ConversationSync.class);
    static final long SYNC_RETRY_MILLIS = 500;
    /** Pulls of a group that end with seqs still missing below buffered ones before the gap is skipped. */
    static final int MAX_FUTILE_PULLS = 3;

    /** One followed conversation. */
    private static final class Stream {
        final int conversationType;
        final String targetId;
        final String key;
        final InboxSequencer sequencer;
        /** Pulls in a row that left a gap and made no progress. */
        int futilePulls;

        Stream(int conversationType, String targetId, long cursor) {
            this.conversationType = conversationType;
            this.targetId = targetId;
            this.key = key(conversationType, targetId);
            this.sequencer = InboxSequencer.forConversation(cursor);
        }
    }

    private final ClientOptions options;
    private final EventLoop loop;
    private final CallbackDispatcher callbacks;
    private final InboxSync.FrameSink sink;
    private final IntSupplier requestIds;
    private final Map<String, Stream> streams = new HashMap<>();
    /** Conversations to pull, in the order they were found behind. */
    private final Set<String> behind = new LinkedHashSet<>();
    /** The cursor handed to the listeners so far, per conversation; readable from any thread. */
    private final Map<String, Long> dispatched = new ConcurrentHashMap<>();

    private boolean initialized;
    private boolean connected;
    private boolean syncing;
    private int syncRequestId;
    private long syncSentNanos;
    private String pulling;
    /** The next heads page to ask for while listing heads after a connect; null when not listing. */
    private String headsAfter;
    /**
     * The groups followed when the current heads listing began that it has not named yet, nor been heard from
     * since: those still here when the listing ends are groups the user has left.
     */
    private Set<String> unconfirmed = new HashSet<>();
    private ScheduledFuture<?> retry;

    ConversationSync(ClientOptions options, EventLoop loop, CallbackDispatcher callbacks, InboxSync.FrameSink sink,
            IntSupplier requestIds) {
        this.options = options;
        this.loop = loop;
        this.callbacks = callbacks;
        this.sink = sink;
        this.requestIds = requestIds;
    }

    static String key(int conversationType, String targetId) {
        return conversationType + "/" + targetId;
    }

    /** Whether a pushed or pulled message belongs to a conversation followed here: a group message, by seq. */
    static boolean follows(WireMessage message) {
        return message.inboxSeq() == 0 && message.seq() > 0
                && message.conversationType() == ConversationType.GROUP.code();
    }

    /** Called once, before the first connection, with the cursors the {@link CursorStore} had. */
    void init(Map<String, Long> cursors) {
        if (initialized) {
            return;
        }
        initialized = true;
        cursors.forEach((key, cursor) -> {
            int slash = key.indexOf('/');
            if (slash > 0 && cursor >= 0) {
                Stream stream = new Stream(Integer.parseInt(key.substring(0, slash)), key.substring(slash + 1), cursor);
                streams.put(stream.key, stream);
            }
        });
    }

    /** The highest seq of a conversation handed to the listeners so far, or 0. Any thread. */
    long dispatchedCursor(String key) {
        return dispatched.getOrDefault(key, 0L);
    }

    /** CONNACK arrived: list the heads of the user's groups, then pull those behind. */
    void onConnected() {
        connected = true;
        syncing = false;
        headsAfter = "";
        unconfirmed = new HashSet<>(streams.keySet());
        requestSync();
    }

    void onDisconnected() {
        connected = false;
        syncing = false;
        cancelRetry();
    }

    void onDeliver(WireMessage message) {
        Stream stream = streamOf(message.conversationType(), message.targetId());
        unconfirmed.remove(stream.key); // the server delivers a group's messages to its members only
        InboxSequencer.Outcome outcome = stream.sequencer.accept(message);
        dispatch(stream, outcome);
        if (outcome.gap()) {
            behind.add(stream.key);
            requestSync();
        }
    }

    private Stream streamOf(int conversationType, String targetId) {
        return streams.computeIfAbsent(key(conversationType, targetId),
                key -> new Stream(conversationType, targetId, 0));
    }

    /** Starts the next SYNC (a heads page, or one conversation's page) unless one runs or there is no connection. */
    void requestSync() {
        if (!connected || syncing) {
            return;
        }
        cancelRetry();
        String next = headsAfter == null && !behind.isEmpty() ? behind.iterator().next() : null;
        if (headsAfter == null && next == null) {
            return;
        }
        List<ConversationCursor> cursors = null;
        if (next != null) {
            Stream stream = streams.get(next);
            cursors = List.of(new ConversationCursor(stream.conversationType, stream.targetId,
                    stream.sequencer.cursor()));
        }
        int requestId = requestIds.getAsInt();
        if (sink.send(Frame.of(Command.SYNC, requestId, new SyncBody(null, cursors, options.syncPageSize(),
                headsAfter)))) {
            syncing = true;
            syncRequestId = requestId;
            syncSentNanos = System.nanoTime();
            pulling = next;
        }
    }

    /** A SYNC_RESULT; false when it answers no SYNC of ours. */
    boolean onSyncResult(int requestId, SyncResultBody page) {
        if (!syncing || requestId != syncRequestId) {
            return false;
        }
        syncing = false;
        if (headsAfter != null) {
            if (page.heads() == null) {
                headsAfter = null; // a server that answers no heads (an older one): nothing to list, nothing to drop
            } else {
                heads(page.heads(), page.headsNext());
            }
        }
        if (pulling != null) {
            pulled(streams.get(pulling), page);
        }
        requestSync();
        return true;
    }

    private void heads(List<ConversationHead> heads, String next) {
        for (ConversationHead head : heads) {
            Stream stream = streamOf(head.conversationType(), head.targetId());
            unconfirmed.remove(stream.key);
            if (head.seq() > stream.sequencer.cursor()) {
                behind.add(stream.key);
            }
        }
        headsAfter = next;
        if (next == null) {
            // the listing is complete: a group it did not name, and not heard from meanwhile, is one the user left
            unconfirmed.forEach(this::forget);
            unconfirmed = new HashSet<>();
        }
    }

    /** One page of a conversation: dispatch it, move the cursor where the server says the page ended. */
    private void pulled(Stream stream, SyncResultBody page) {
        if (stream == null) {
            return;
        }
        List<WireMessage> messages = new ArrayList<>();
        if (page.conversationMessages() != null) {
            for (WireMessage message : page.conversationMessages()) {
                if (message.conversationType() == stream.conversationType
                        && message.targetId().equals(stream.targetId)) {
                    messages.add(message);
                }
            }
        }
        long pageCursor = stream.sequencer.cursor();
        if (page.conversationCursors() != null) {
            for (ConversationCursor cursor : page.conversationCursors()) {
                if (cursor.conversationType() == stream.conversationType
                        && cursor.targetId().equals(stream.targetId)) {
                    pageCursor = Math.max(pageCursor, cursor.afterSeq());
                }
            }
        }
        long before = stream.sequencer.cursor();
        dispatch(stream, stream.sequencer.acceptSyncPage(messages, pageCursor));
        boolean progress = stream.sequencer.cursor() > before;
        if (page.finished() && !stream.sequencer.hasGap()) {
            stream.futilePulls = 0;
            behind.remove(stream.key);
        } else if (progress) {
            stream.futilePulls = 0; // more to pull: it stays behind
        } else {
            stalled(stream, page.finished());
        }
    }

    /**
     * A pull made no progress and left seqs missing below buffered ones (messages not readable yet when the page was
     * read): pull again a little later, and after {@value #MAX_FUTILE_PULLS} such pulls skip the gap, as the inbox
     * does.
     */
    private void stalled(Stream stream, boolean finished) {
        behind.remove(stream.key);
        if (++stream.futilePulls < MAX_FUTILE_PULLS) {
            loop.schedule(() -> {
                if (streams.get(stream.key) == stream) {
                    behind.add(stream.key);
                    requestSync();
                }
            }, SYNC_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        stream.futilePulls = 0;
        if (finished && stream.sequencer.hasGap()) {
            long from = stream.sequencer.cursor();
            InboxSequencer.Outcome outcome = stream.sequencer.skipGap();
            log.warn("{}: seqs after {} below the buffered ones never arrived through {} pulls; skipping them, "
                    + "cursor now {}", stream.key, from, MAX_FUTILE_PULLS, outcome.cursor());
            dispatch(stream, outcome);
        }
    }

    /** An ERROR answering a SYNC of ours: 22406 means the user left the group; otherwise retry later. */
    boolean onSyncError(int requestId, int code) {
        if (!syncing || requestId != syncRequestId) {
            return false;
        }
        syncing = false;
        if (code == StandardErrorCode.NOT_IN_GROUP.code() && pulling != null) {
            forget(pulling);
            requestSync();
        } else {
            retry = loop.schedule(this::requestSync, SYNC_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** False when a SYNC went unanswered too long (the connection is deemed broken). */
    boolean tick(long nowNanos) {
        return !connected || !syncing || nowNanos - syncSentNanos < options.commandTimeout().toNanos();
    }

    private void forget(String key) {
        streams.remove(key);
        dispatched.remove(key);
        behind.remove(key);
        callbacks.forgetConversation(key);
        log.debug("no longer following {}", key);
    }

    /** Hands what the sequencer let through to the listeners, unless there is nothing new (a duplicate, a buffer). */
    private void dispatch(Stream stream, InboxSequencer.Outcome outcome) {
        long before = dispatchedCursor(stream.key);
        if (outcome.dispatch().isEmpty() && outcome.cursor() <= before) {
            return;
        }
        dispatched.put(stream.key, Math.max(before, outcome.cursor()));
        callbacks.conversationMessages(outcome.dispatch(), stream.key, outcome.cursor());
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }
}
