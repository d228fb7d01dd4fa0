package io.parley.plugin.moderation.rate;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.plugin.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How often one server-API endpoint may be called: one or more windows, each allowing so many calls per period, all
 * of which must admit a call (RongCloud's broadcast allows 2 an hour and 3 a day). No window at all is no limit.
 *
 * <p>Written in config as {@code <calls>/<period>}, windows joined by commas: {@code 100/1s}, {@code 6000/1m},
 * {@code 2/1h,3/1d}; the period is a duration ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}) whose
 * {@code 1} may be left out ({@code 100/s}); a bare number is calls per second; {@code off} (or {@code 0}) is no
 * limit.
 *
 * @param windows shortest period first; empty for no limit
 */
public record EndpointLimit(List<Window> windows) {
    /** No limit. */
    public static final EndpointLimit OFF = new EndpointLimit(List.of());

    public EndpointLimit {
        requireNonNull(windows, "windows is null");
        windows = windows.stream().sorted(Comparator.comparing(Window::period)).toList();
    }

    /**
     * At most {@code calls} calls per {@code period}.
     *
     * @param calls also the burst: a full window may be used at once
     */
    public record Window(int calls, Duration period) {
        public Window {
            requireNonNull(period, "period is null");
            if (calls < 1 || period.toMillis() < 1) {
                throw ImException.invalidParameter("a rate-limit window needs calls >= 1 and a period of 1ms or more");
            }
        }

        /** {@code 100/1s}. */
        public String format() {
            return calls + "/" + formatPeriod(period);
        }

        /** {@code 100 per second}, {@code 2 per 10m}. */
        public String describe() {
            String unit = period.equals(Duration.ofSeconds(1)) ? "second"
                    : period.equals(Duration.ofMinutes(1)) ? "minute"
                    : period.equals(Duration.ofHours(1)) ? "hour"
                    : period.equals(Duration.ofDays(1)) ? "day" : formatPeriod(period);
            return calls + " per " + unit;
        }
    }

    /** At most {@code calls} per {@code period}. */
    public static EndpointLimit of(int calls, Duration period) {
        return new EndpointLimit(List.of(new Window(calls, period)));
    }

    /** Several windows, every one of which must admit a call. */
    public static EndpointLimit of(Window... windows) {
        return new EndpointLimit(List.of(windows));
    }

    public boolean isOff() {
        return windows.isEmpty();
    }

    /** As written in config: {@code 100/1s}, {@code 2/1h,3/1d}, {@code off}. */
    public String format() {
        return isOff() ? "off" : windows.stream().map(Window::format).collect(Collectors.joining(","));
    }

    /** For people: {@code 100 per second}, {@code 2 per hour and 3 per day}, {@code no limit}. */
    public String describe() {
        return isOff() ? "no limit" : windows.stream().map(Window::describe).collect(Collectors.joining(" and "));
    }

    /** Reads a limit written as described above; {@code key} names the config key in errors. */
    public static EndpointLimit parse(String key, String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("off") || trimmed.equals("0")) {
            return OFF;
        }
        List<Window> windows = new ArrayList<>();
        for (String part : trimmed.split(",")) {
            windows.add(parseWindow(key, part.trim(), text));
        }
        return new EndpointLimit(windows);
    }

    private static Window parseWindow(String key, String part, String text) {
        int slash = part.indexOf('/');
        String calls = slash < 0 ? part : part.substring(0, slash).trim();
        String period = slash < 0 ? "1s" : part.substring(slash + 1).trim().toLowerCase(Locale.ROOT);
        if (!period.isEmpty() && !Character.isDigit(period.charAt(0))) {
            period = "1" + period;
        }
        try {
            int count = Integer.parseInt(calls);
            Duration duration = Durations.parse(key, period);
            if (count >= 1 && duration.toMillis() >= 1) {
                return new Window(count, duration);
            }
        } catch (NumberFormatException | ImException e) {
            // answered below, with the whole value
        }
        throw ImException.invalidParameter("config " + key + " must be a rate limit such as 100/1s, 6000/1m, "
                + "2/1h,3/1d or off, was '" + text + "'");
    }

    private static String formatPeriod(Duration period) {
        long millis = period.toMillis();
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
