package io.parley.plugin.routing.spi;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.plugin.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code routing.*} settings, validated when built. Immutable. Sink-specific keys ({@code file.path})
 * are read by their sink's factory, not here.
 *
 * @param url where messages are routed (RongCloud §7.2); message routing over HTTP is off when empty
 * @param presenceUrl where presence changes go (RongCloud §7.4); off when empty
 * @param conversationTypes the types routed; empty means all
 * @param objectNames the message types routed; empty means all
 * @param includeServerApi whether messages sent through the server API (no sender platform) are routed
 * @param batchSize the most events of one key sent in one call to the sink; 1 turns batching off
 * @param maxInMemory the most outbox events held in memory for delivery; the rest stay on disk
 * @param outboxDir where {@code outbox.mapdb} lives; empty means {@code <data.dir>/routing}
 * @param workers delivery threads
 * @param replayWindow how far below the outbox's high-water mark the catch-up at start looks for committed
 *     messages the previous run never queued (a kill -9), and how long the msgUIDs of queued messages are
 *     remembered so that the catch-up sends none twice
 */
public record RoutingConfig(boolean enabled, Optional<String> url, Optional<String> presenceUrl,
        Set<ConversationType> conversationTypes, Set<String> objectNames, boolean includeServerApi, String sink,
        Duration timeout, Duration retryInitial, Duration retryMax, Duration retryWindow, int batchSize,
        int maxInMemory, Optional<Path> outboxDir, int workers, Duration replayWindow) {

    public RoutingConfig {
        requireNonNull(url, "url is null");
        requireNonNull(presenceUrl, "presenceUrl is null");
        conversationTypes = Set.copyOf(conversationTypes);
        objectNames = Set.copyOf(objectNames);
        requireNonNull(sink, "sink is null");
        requireNonNull(outboxDir, "outboxDir is null");
        url.ifPresent(value -> requireHttp("url", value));
        presenceUrl.ifPresent(value -> requireHttp("presence-url", value));
        requirePositive("timeout", timeout);
        requirePositive("retry-initial", retryInitial);
        requirePositive("retry-window", retryWindow);
        requirePositive("replay-window", replayWindow);
        if (retryMax.compareTo(retryInitial) < 0) {
            throw ImException.invalidParameter("config routing.retry-max must be at least routing.retry-initial");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw ImException.invalidParameter("config routing.batch-size must be 1 to 1000, was " + batchSize);
        }
        if (maxInMemory < batchSize) {
            throw ImException.invalidParameter("config routing.max-in-memory must be at least routing.batch-size, was "
                    + maxInMemory);
        }
        if (workers < 1 || workers > 256) {
            throw ImException.invalidParameter("config routing.workers must be 1 to 256, was " + workers);
        }
    }

    /** Reads every general key of the {@code routing.*} view, applying the documented defaults. */
    public static RoutingConfig read(PluginConfig config) {
        return new RoutingConfig(
                config.getBoolean("enabled", true),
                config.get("url").map(String::trim).filter(value -> !value.isEmpty()),
                config.get("presence-url").map(String::trim).filter(value -> !value.isEmpty()),
                config.get("conversation-types").map(RoutingConfig::parseTypes).orElse(Set.of()),
                config.get("object-names").map(RoutingConfig::parseList).orElse(Set.of()),
                config.getBoolean("include-server-api", false),
                config.get("sink", "http").trim(),
                config.getDuration("timeout", Duration.ofSeconds(5)),
                config.getDuration("retry-initial", Duration.ofSeconds(1)),
                config.getDuration("retry-max", Duration.ofMinutes(5)),
                config.getDuration("retry-window", Duration.ofHours(24)),
                config.getInt("batch-size", 1),
                config.getInt("max-in-memory", 10_000),
                config.get("outbox-dir").map(String::trim).filter(value -> !value.isEmpty()).map(Path::of),
                config.getInt("workers", 4),
                config.getDuration("replay-window", Duration.ofMinutes(5)));
    }

    /** Whether a message of this type and object name passes the filters. */
    public boolean routes(ConversationType type, String objectName) {
        return (conversationTypes.isEmpty() || conversationTypes.contains(type))
                && (objectNames.isEmpty() || objectNames.contains(objectName));
    }

    private static Set<ConversationType> parseTypes(String text) {
        Set<ConversationType> types = EnumSet.noneOf(ConversationType.class);
        for (String part : parseList(text)) {
            types.add(parseType(part));
        }
        return types;
    }

    private static ConversationType parseType(String part) {
        try {
            int code = Integer.parseInt(part);
            return ConversationType.fromCode(code).orElseThrow(() -> ImException.invalidParameter(
                    "config routing.conversation-types: no conversation type has code " + code));
        } catch (NumberFormatException notANumber) {
            try {
                return ConversationType.valueOf(part.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw ImException.invalidParameter("config routing.conversation-types: unknown type '" + part
                        + "'; use codes (1,3,4,6,10) or names " + Arrays.toString(ConversationType.values()));
            }
        }
    }

    private static Set<String> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void requireHttp(String key, String value) {
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            throw ImException.invalidParameter("config routing." + key + " must be an http(s) URL, was '" + value + "'");
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw ImException.invalidParameter("config routing." + key + " must be positive, was " + value);
        }
    }
}
