package io.parley.client;

import io.parley.protocol.body.WireMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Turns the messages of one stream a client receives (its inbox, or one group's conversation), pushed (DELIVER) or
 * pulled (SYNC_RESULT), in any order and with any duplicates, into one stream in which every seq appears once, in
 * order. The stream's seq is the inbox seq for the inbox, the conversation seq for a conversation.
 *
 * <ul>
 *   <li>seq &le; cursor: a duplicate, dropped;</li>
 *   <li>seq == cursor + 1: dispatched, the cursor advances, and buffered successors follow;</li>
 *   <li>seq &gt; cursor + 1: buffered, and the outcome reports a gap (the caller runs SYNC);</li>
 *   <li>seq == 0: a status message, dispatched at once and never buffered.</li>
 * </ul>
 * A sync page is the server's word on a range: a hole inside it (an entry removed by retention) is not a gap,
 * and the cursor moves to the page's cursor.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class InboxSequencer {
    /** Beyond this many buffered messages the highest are dropped; sync fetches them again. */
    static final int DEFAULT_MAX_BUFFERED = 10_000;

    /**
     * What to do after an input.
     *
     * @param dispatch the messages to hand to the listeners, in this order
     * @param gap whether messages are buffered beyond a hole, so that a SYNC is needed
     * @param cursor the cursor after the input
     */
    record Outcome(List<WireMessage> dispatch, boolean gap, long cursor) {
    }

    private final TreeMap<Long, WireMessage> buffered = new TreeMap<>();
    private final int maxBuffered;
    private final ToLongFunction<WireMessage> seqOf;
    private long cursor;

    InboxSequencer(long cursor) {
        this(cursor, DEFAULT_MAX_BUFFERED);
    }

    InboxSequencer(long cursor, int maxBuffered) {
        this(cursor, maxBuffered, WireMessage::inboxSeq);
    }

    /** A sequencer of one conversation's stream: by conversation seq. */
    static InboxSequencer forConversation(long cursor) {
        return new InboxSequencer(cursor, DEFAULT_MAX_BUFFERED, WireMessage::seq);
    }

    private InboxSequencer(long cursor, int maxBuffered, ToLongFunction<WireMessage> seqOf) {
        this.seqOf = seqOf;
        if (cursor < 0) {
            throw new IllegalArgumentException("cursor must be >= 0: " + cursor);
        }
        if (maxBuffered < 1) {
            throw new IllegalArgumentException("maxBuffered must be >= 1: " + maxBuffered);
        }
        this.cursor = cursor;
        this.maxBuffered = maxBuffered;
    }

    /** The last inbox seq dispatched (or skipped on the server's word). */
    long cursor() {
        return cursor;
    }

    /** Whether messages wait beyond a hole. */
    boolean hasGap() {
        return !buffered.isEmpty();
    }

    int bufferedCount() {
        return buffered.size();
    }

    /** A pushed message (DELIVER). */
    Outcome accept(WireMessage message) {
        List<WireMessage> out = new ArrayList<>(1);
        long seq = seqOf.applyAsLong(message);
        if (seq == 0) {
            out.add(message);
        } else if (seq == cursor + 1) {
            out.add(message);
            cursor = seq;
            drainContiguous(out);
        } else if (seq > cursor + 1) {
            buffer(message);
        }
        return new Outcome(out, hasGap(), cursor);
    }

    /**
     * A page of SYNC_RESULT. Its messages and the buffered ones up to the page's end are dispatched in seq
     * order, holes included; then the cursor is at least {@code pageCursor}, and buffered successors follow.
     *
     * @param messages the page's inbox messages, in inbox-seq order
     * @param pageCursor the page's {@code inboxCursor}: every entry up to it has been sent or no longer exists
     */
    Outcome acceptSyncPage(List<WireMessage> messages, long pageCursor) {
        List<WireMessage> out = new ArrayList<>(messages == null ? 0 : messages.size());
        long upTo = pageCursor;
        if (messages != null) {
            for (WireMessage m : messages) {
                long seq = seqOf.applyAsLong(m);
                if (seq == 0) {
                    out.add(m); // not expected in a page, but a status message is never sequenced
                } else if (seq > cursor) {
                    buffered.putIfAbsent(seq, m);
                    upTo = Math.max(upTo, seq);
                }
            }
        }
        if (upTo > cursor) {
            // the server vouches for everything up to upTo: no hole below it will fill later
            Map<Long, WireMessage> covered = buffered.headMap(upTo, true);
            out.addAll(covered.values());
            covered.clear();
            cursor = upTo;
        }
        drainContiguous(out);
        trim();
        return new Outcome(out, hasGap(), cursor);
    }

    /**
     * Gives up on the hole below the buffered messages (sync has repeatedly said there is nothing there):
     * dispatches everything buffered, in order.
     */
    Outcome skipGap() {
        List<WireMessage> out = new ArrayList<>(buffered.values());
        if (!buffered.isEmpty()) {
            cursor = buffered.lastKey();
            buffered.clear();
        }
        return new Outcome(out, false, cursor);
    }

    private void buffer(WireMessage message) {
        buffered.putIfAbsent(seqOf.applyAsLong(message), message);
        trim();
    }

    private void trim() {
        while (buffered.size() > maxBuffered) {
            buffered.pollLastEntry();
        }
    }

    private void drainContiguous(List<WireMessage> out) {
        // drop buffered duplicates the cursor has passed, then take successors while they are contiguous
        while (!buffered.isEmpty() && buffered.firstKey() <= cursor) {
            buffered.pollFirstEntry();
        }
        while (!buffered.isEmpty() && buffered.firstKey() == cursor + 1) {
            Map.Entry<Long, WireMessage> next = buffered.pollFirstEntry();
            out.add(next.getValue());
            cursor = next.getKey();
        }
    }
}
