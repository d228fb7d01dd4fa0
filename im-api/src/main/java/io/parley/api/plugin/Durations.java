package io.parley.api.plugin;

import io.parley.api.error.ImException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration syntax of config values: {@code 250us}, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
public final class Durations {
    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*(us|ms|s|m|h|d)?");

    private Durations() {
    }

    public static Duration parse(String key, String text) {
        Matcher matcher = SYNTAX.matcher(text.trim());
        if (!matcher.matches()) {
            throw ImException.invalidParameter(
                    "config " + key + " must be a duration such as 250us, 500ms, 30s, 5m, 2h or 7d, was '" + text + "'");
        }
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        try {
            long amount = Long.parseLong(matcher.group(1));
            return switch (unit) {
                case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            // past a long, or past what a Duration holds: before, a wrapped (negative) duration or a raw exception
            throw ImException.invalidParameter("config " + key + " is too large a duration, was '" + text + "'");
        }
    }
}
