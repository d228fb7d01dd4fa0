package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationType;
import io.parley.api.storage.RetentionCutoffs;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * What has left every read without leaving the log: the log offsets of deleted and cleaned messages, and the
 * retention cutoffs per conversation type (a message sent before its type's message cutoff is gone; an inbox entry
 * sent before its type's inbox cutoff is gone from inboxes). Reads ask it about each entry; the index files and
 * runs are never rewritten. Cutoffs only move forward: an older or lower cutoff changes nothing, so what has gone
 * never comes back. Held in memory (offsets are few: deletes and cleans are rare, and those of a deleted segment are
 * dropped) and kept durable by the {@link MetadataIndex}. Reads from any thread; changes from one thread at a time.
 */
final class Removals {
    private static final int TYPES = SegmentMemtable.TYPE_CODES;

    private volatile long[] deadOffsets = new long[0];
    private final long[] messageCutoffs = new long[TYPES];
    private final long[] inboxCutoffs = new long[TYPES];

    Removals() {
        Arrays.fill(messageCutoffs, Long.MIN_VALUE);
        Arrays.fill(inboxCutoffs, Long.MIN_VALUE);
    }

    /** Whether the message recorded at {@code offset} is gone from conversation reads. */
    boolean messageGone(long offset, int typeCode, long sentTime) {
        return sentTime < cutoff(messageCutoffs, typeCode) || isDead(offset);
    }

    /** Whether an inbox entry of the message at {@code offset} is gone from inbox reads. */
    boolean inboxEntryGone(long offset, int typeCode, long sentTime) {
        return sentTime < cutoff(inboxCutoffs, typeCode) || messageGone(offset, typeCode, sentTime);
    }

    boolean isDead(long offset) {
        long[] dead = deadOffsets;
        return dead.length > 0 && Arrays.binarySearch(dead, offset) >= 0;
    }

    /** Marks messages deleted or cleaned; returns how many were not already. */
    synchronized int kill(long[] offsets) {
        long[] current = deadOffsets;
        long[] merged = Arrays.copyOf(current, current.length + offsets.length);
        int added = 0;
        for (long offset : offsets) {
            if (Arrays.binarySearch(current, offset) < 0) {
                merged[current.length + added++] = offset;
            }
        }
        merged = Arrays.copyOf(merged, current.length + added);
        Arrays.sort(merged);
        long[] unique = Arrays.stream(merged).distinct().toArray();
        deadOffsets = unique;
        return unique.length - current.length;
    }

    /** Forgets the dead offsets below {@code logStart} (their segments were deleted). */
    synchronized void forgetBelow(long logStart) {
        long[] current = deadOffsets;
        int from = 0;
        while (from < current.length && current[from] < logStart) {
            from++;
        }
        if (from > 0) {
            deadOffsets = Arrays.copyOfRange(current, from, current.length);
        }
    }

    long[] deadOffsets() {
        return deadOffsets.clone();
    }

    /** Raises the cutoffs to {@code cutoffs} where they are later; returns the cutoffs as they were before. */
    synchronized RetentionCutoffs raise(RetentionCutoffs cutoffs) {
        RetentionCutoffs before = cutoffs();
        cutoffs.messages().forEach((type, cutoff) -> raise(messageCutoffs, type, cutoff));
        cutoffs.inbox().forEach((type, cutoff) -> raise(inboxCutoffs, type, cutoff));
        return before;
    }

    private static void raise(long[] cutoffs, ConversationType type, long cutoff) {
        if (type.code() < TYPES && cutoff > cutoffs[type.code()]) {
            cutoffs[type.code()] = cutoff;
        }
    }

    /** The effective cutoffs: per type, the latest one any sweep asked for. */
    synchronized RetentionCutoffs cutoffs() {
        return new RetentionCutoffs(asMap(inboxCutoffs), asMap(messageCutoffs));
    }

    long messageCutoff(int typeCode) {
        return cutoff(messageCutoffs, typeCode);
    }

    long inboxCutoff(int typeCode) {
        return cutoff(inboxCutoffs, typeCode);
    }

    private static long cutoff(long[] cutoffs, int typeCode) {
        return typeCode >= 0 && typeCode < TYPES ? cutoffs[typeCode] : Long.MIN_VALUE;
    }

    private static Map<ConversationType, Long> asMap(long[] cutoffs) {
        Map<ConversationType, Long> map = new EnumMap<>(ConversationType.class);
        for (ConversationType type : ConversationType.values()) {
            if (type.code() < TYPES && cutoffs[type.code()] != Long.MIN_VALUE) {
                map.put(type, cutoffs[type.code()]);
            }
        }
        return map;
    }
}
