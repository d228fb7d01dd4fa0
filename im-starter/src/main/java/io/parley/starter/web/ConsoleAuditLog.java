package io.parley.starter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.api.storage.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators did from the console, kept in the metadata store (namespace {@value #NAMESPACE}) so that every
 * storage provider keeps it and every node of a cluster shows the same log. A key is the entry's time counted down
 * from {@link Long#MAX_VALUE} (zero-padded, so that a scan in key order reads the newest first) and a random suffix
 * (two entries of one millisecond, on two nodes, never collide); a value is the entry as JSON.
 *
 * <p>Bounded: {@link #prune} drops the entries older than {@code console.audit.retention-days} and all but the newest
 * {@code console.audit.max-entries}; the console runs it after every {@link #PRUNE_EVERY} entries written and once an
 * hour. Every method may block on storage: call it on a worker, never an event loop. Thread-safe.
 */
final class ConsoleAuditLog {
    static final String NAMESPACE = "console.audit";
    static final int PRUNE_EVERY = 50;
    private static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(ConsoleAuditLog.class);

    /**
     * One action taken from the console.
     *
     * @param time     when, epoch milliseconds
     * @param user     the console user who acted ({@code console.username})
     * @param clientIp the address the request came from
     * @param action   the action's name ({@code kick}, {@code block}, …)
     * @param route    the server-API route that carried it out
     * @param params   the parameters given, by name
     * @param outcome  {@code ok}, or the error code and message the route answered
     */
    record Entry(long time, String user, String clientIp, String action, String route, Map<String, String> params,
            String outcome) {
        Entry {
            Objects.requireNonNull(user, "user is null");
            Objects.requireNonNull(clientIp, "clientIp is null");
            Objects.requireNonNull(action, "action is null");
            Objects.requireNonNull(route, "route is null");
            params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params)); // in the order given
            Objects.requireNonNull(outcome, "outcome is null");
        }
    }

    private final MetadataStore metadata;
    private final int maxEntries;
    private final Duration retention;
    private final LongSupplier clock;
    private int writtenSincePrune;

    ConsoleAuditLog(MetadataStore metadata, int maxEntries, Duration retention, LongSupplier clock) {
        this.metadata = metadata;
        this.maxEntries = maxEntries;
        this.retention = retention;
        this.clock = clock;
    }

    /** Writes an entry; durable when this returns. */
    void append(Entry entry) {
        String key = String.format("%019d", Long.MAX_VALUE - entry.time()) + ":"
                + UUID.randomUUID().toString().substring(0, 8);
        try {
            metadata.put(NAMESPACE, key, new String(Json.write(entry), java.nio.charset.StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit entry as JSON", e);
        }
        boolean prune;
        synchronized (this) {
            prune = ++writtenSincePrune >= PRUNE_EVERY;
            if (prune) {
                writtenSincePrune = 0;
            }
        }
        if (prune) {
            prune();
        }
    }

    /** The newest entries, newest first, at most {@code limit}. */
    List<Entry> newest(int limit) {
        List<Entry> entries = new ArrayList<>();
        for (String value : metadata.scanPage(NAMESPACE, "", "", limit).values()) {
            entries.add(parse(value));
        }
        return entries;
    }

    /** Deletes the entries past the retention and all but the newest {@code maxEntries}; answers how many. */
    int prune() {
        long oldest = clock.getAsLong() - retention.toMillis();
        int kept = 0;
        int deleted = 0;
        String after = "";
        while (true) {
            Map<String, String> page = metadata.scanPage(NAMESPACE, "", after, PAGE);
            for (Map.Entry<String, String> row : page.entrySet()) {
                long time = Long.MAX_VALUE - Long.parseLong(row.getKey().substring(0, row.getKey().indexOf(':')));
                if (kept >= maxEntries || time < oldest) {
                    metadata.delete(NAMESPACE, row.getKey());
                    deleted++;
                } else {
                    kept++;
                }
                after = row.getKey();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        if (deleted > 0) {
            log.info("console audit log: pruned {} entries (older than {} days, or past the newest {})", deleted,
                    retention.toDays(), maxEntries);
        }
        return deleted;
    }

    private static Entry parse(String value) {
        try {
            return Json.read(value.getBytes(java.nio.charset.StandardCharsets.UTF_8), Entry.class);
        } catch (IOException e) {
            throw new UncheckedIOException("an unreadable console audit entry: " + value, e);
        }
    }
}
