package io.parley.plugin.routing.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event on its way to the app server: a committed message or a device's change of presence, already
 * turned into RongCloud's wire fields. Immutable and thread-safe.
 *
 * <p>Events of one {@link #key()} are handed to a {@link RoutingSink} strictly in the order they happened;
 * events of different keys may be delivered in any order and concurrently.
 *
 * @param id the outbox's id, unique and increasing in the order events were queued (0 before queuing);
 *     receivers should deduplicate by {@code msgUID} (messages) or by {@code sessionId} + {@code time} +
 *     {@code status} (presence), since delivery is at least once
 * @param kind what happened
 * @param key the ordering key: {@code m:<conversation>} for a message, {@code p:<userId>} for presence
 * @param occurredAt when it happened (the commit time of a message), epoch milliseconds
 * @param queuedAt when it entered the outbox, epoch milliseconds; the retry window counts from here
 * @param fields RongCloud's wire fields, in wire order: the routing form of §7.2 for a message, the
 *     online-status fields of §7.4 for presence ({@code time} as a decimal string)
 */
public record RoutingEvent(long id, Kind kind, String key, long occurredAt, long queuedAt, Map<String, String> fields) {

    /** The two kinds of event the plugin routes. */
    public enum Kind {
        /** A committed message: full message routing (RongCloud §7.2). */
        MESSAGE("message"),
        /** A device came online, went offline or logged out (RongCloud §7.4). */
        PRESENCE("presence");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** Lower-case name used in metrics tags, JSON lines and the dead-letter API. */
        public String wireName() {
            return wireName;
        }

        /** Parses a {@link #wireName()}; throws {@link IllegalArgumentException} for anything else. */
        public static Kind fromWireName(String name) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown kind: " + name);
        }
    }

    public RoutingEvent {
        requireNonNull(kind, "kind is null");
        requireNonNull(key, "key is null");
        requireNonNull(fields, "fields is null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key is empty");
        }
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The same event with the outbox's id and queuing time. */
    public RoutingEvent queuedAs(long newId, long newQueuedAt) {
        return new RoutingEvent(newId, kind, key, occurredAt, newQueuedAt, fields);
    }

    /** A field's value, or {@code ""} when absent. */
    public String field(String name) {
        return fields.getOrDefault(name, "");
    }
}
