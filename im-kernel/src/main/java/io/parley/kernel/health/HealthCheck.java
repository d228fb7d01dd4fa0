package io.parley.kernel.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One health check as evaluated now: what it looks at, the value seen, its level, and the threshold that decided the
 * level, in words, so that an operator sees why it is green, amber or red.
 *
 * @param group     {@code storage}, {@code server}, {@code cluster}, {@code push} or {@code webhooks}
 * @param name      what is checked ({@code commit latency}, {@code apns}, …)
 * @param level     green, amber or red
 * @param value     the value seen, in words ({@code 12 ms}, {@code 3 waiting}, {@code last success 5 s ago})
 * @param threshold what makes it amber or red, in words
 * @param gate      what a red check does to {@code /health/ready}
 */
public record HealthCheck(String group, String name, HealthLevel level, String value, String threshold, Gate gate) {

    /** What a red check does to readiness: nothing, {@code BUSY} or {@code NOT_READY} (HTTP 503 both). */
    public enum Gate {
        NONE, BUSY, NOT_READY
    }

    public HealthCheck {
        Objects.requireNonNull(group, "group is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(level, "level is null");
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(threshold, "threshold is null");
        Objects.requireNonNull(gate, "gate is null");
    }

    /** The check as JSON fields: group, name, level (lower case), value, threshold and readiness (what red does). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("group", group);
        json.put("name", name);
        json.put("level", level.name().toLowerCase(java.util.Locale.ROOT));
        json.put("value", value);
        json.put("threshold", threshold);
        json.put("readiness", switch (gate) {
            case NONE -> "none";
            case BUSY -> "busy when red";
            case NOT_READY -> "not ready when red";
        });
        return json;
    }
}
