package io.parley.builtin.conversation;

import io.parley.api.plugin.Durations;
import io.parley.api.plugin.PluginConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline window the conversation list reads inboxes within: the longer of {@code retention.private.offline} and
 * {@code retention.group.offline} (7 days each by default), the window SYNC serves inbox entries from. The kernel
 * reads and validates the same keys (its retention policy); this reads them again, with the same defaults and syntax:
 * a duration ({@code 12h}, {@code 7d}), months ({@code 6M} or {@code 6mo}, 30 days each), {@code off} or
 * {@code forever}.
 */
final class OfflineWindow {
    /** "Forever" as the kernel's retention policy counts it: long, and still safe to subtract from a clock. */
    static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE / 4);
    private static final String DEFAULT = "7d";
    private static final Pattern MONTHS = Pattern.compile("(\\d+)\\s*(M|mo)");

    private OfflineWindow() {
    }

    static Duration read(PluginConfig root) {
        Duration privateOffline = parse("retention.private.offline", root.get("retention.private.offline", DEFAULT));
        Duration groupOffline = parse("retention.group.offline", root.get("retention.group.offline", DEFAULT));
        return privateOffline.compareTo(groupOffline) >= 0 ? privateOffline : groupOffline;
    }

    static Duration parse(String key, String text) {
        String value = text.trim();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "off", "none", "0" -> {
                return Duration.ZERO;
            }
            case "forever" -> {
                return FOREVER;
            }
            default -> {
                Matcher months = MONTHS.matcher(value);
                if (months.matches()) {
                    return Duration.ofDays(30L * Long.parseLong(months.group(1)));
                }
                return Durations.parse(key, value);
            }
        }
    }
}
