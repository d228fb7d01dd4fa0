package io.parley.api.plugin;

import io.parley.api.error.ImException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of configuration, already stripped of its prefix (a plugin named {@code moderation}
 * reads {@code moderation.callback.url} as {@code callback.url}). Every key read here counts as used: a key
 * in the config that nobody reads fails startup with a "did you mean". Thread-safe.
 */
public interface PluginConfig {

    Optional<String> get(String key);

    /** Every key present under this view, used or not. */
    Set<String> keys();

    /** A narrower view: {@code subset("callback")} reads {@code callback.url} as {@code url}. */
    PluginConfig subset(String prefix);

    default String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    default String require(String key) {
        return get(key).orElseThrow(() -> ImException.invalidParameter("missing config key: " + key));
    }

    /**
     * Reads a key that holds a secret (a password, a private key, an app secret): as {@link #get(String)}, and the
     * effective configuration (startup log, console) shows {@code ****} for it. Declare every secret this way, where
     * it is read.
     */
    default Optional<String> getSecret(String key) {
        return get(key);
    }

    /** {@link #getSecret(String)} with a default. */
    default String getSecret(String key, String defaultValue) {
        return getSecret(key).orElse(defaultValue);
    }

    default int getInt(String key, int defaultValue) {
        return get(key).map(value -> parse(key, value, Integer::parseInt)).orElse(defaultValue);
    }

    default long getLong(String key, long defaultValue) {
        return get(key).map(value -> parse(key, value, Long::parseLong)).orElse(defaultValue);
    }

    default boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(value -> switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw ImException.invalidParameter("config " + key + " must be true or false, was '" + value + "'");
        }).orElse(defaultValue);
    }

    /** A duration written as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or {@code 7d}; a bare number is milliseconds. */
    default Duration getDuration(String key, Duration defaultValue) {
        return get(key).map(value -> Durations.parse(key, value)).orElse(defaultValue);
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw ImException.invalidParameter("config " + key + " must be a number, was '" + value + "'");
        }
    }
}
