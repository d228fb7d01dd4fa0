package io.parley.bench.load;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A server process's memory at one moment, after a full GC: resident set size, heap in use, and the committed
 * sizes of Native Memory Tracking's categories (empty without {@code -XX:NativeMemoryTracking}). Netty's
 * direct buffers are allocated with {@code Unsafe} and show up in the {@code Other} category. Sizes in KiB;
 * -1 when unknown.
 */
public record MemorySnapshot(long rssKib, long heapUsedKib, long heapCommittedKib, Map<String, Long> nmtCommittedKib) {
    public MemorySnapshot {
        requireNonNull(nmtCommittedKib, "nmtCommittedKib is null");
        nmtCommittedKib = Map.copyOf(nmtCommittedKib);
    }

    public static final MemorySnapshot UNKNOWN = new MemorySnapshot(-1, -1, -1, Map.of());

    /** Committed direct memory (NMT {@code Other}), or -1. */
    public long directKib() {
        return nmtCommittedKib.getOrDefault("Other", -1L);
    }

    /** NMT's committed total, or -1. */
    public long nmtTotalKib() {
        return nmtCommittedKib.getOrDefault("Total", -1L);
    }
}
