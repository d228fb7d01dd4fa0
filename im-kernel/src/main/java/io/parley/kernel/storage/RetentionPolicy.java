package io.parley.kernel.storage;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.plugin.Durations;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.storage.RetentionCutoffs;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long data is kept, per conversation type, as RongCloud does it: the offline cache (inbox entries a
 * device can still sync) and cloud history (the conversation log). Immutable; validated on construction.
 *
 * <p>Config values ({@code retention.*}): a duration ({@code 30s}, {@code 12h}, {@code 7d}), months
 * ({@code 6M} or {@code 6mo}; a month is 30 days), {@code off} (or {@code 0}: not kept beyond what another
 * window needs) or {@code forever}. Messages are kept for the longer of a type's offline and history windows,
 * since an inbox entry needs its message.
 */
public record RetentionPolicy(Duration privateOffline, Duration privateHistory, Duration groupOffline,
        Duration groupHistory, Duration ultraGroup, Duration chatroom) {
    /** "Kept forever": long enough never to expire, small enough to subtract from a clock. */
    public static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE / 4);
    private static final Pattern MONTHS = Pattern.compile("(\\d+)\\s*(M|mo)");

    public RetentionPolicy {
        requireNonNull(privateOffline, "privateOffline is null");
        requireNonNull(privateHistory, "privateHistory is null");
        requireNonNull(groupOffline, "groupOffline is null");
        requireNonNull(groupHistory, "groupHistory is null");
        requireNonNull(ultraGroup, "ultraGroup is null");
        requireNonNull(chatroom, "chatroom is null");
    }

    /** RongCloud's defaults: offline 7 days, cloud history off, ultragroups 7 days, chatrooms nothing. */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(Duration.ofDays(7), Duration.ZERO, Duration.ofDays(7), Duration.ZERO,
                Duration.ofDays(7), Duration.ZERO);
    }

    /** Reads the {@code retention.*} keys from the root config. */
    public static RetentionPolicy from(PluginConfig root) {
        RetentionPolicy d = defaults();
        return new RetentionPolicy(read(root, "retention.private.offline", d.privateOffline),
                read(root, "retention.private.history", d.privateHistory),
                read(root, "retention.group.offline", d.groupOffline),
                read(root, "retention.group.history", d.groupHistory),
                read(root, "retention.ultra-group", d.ultraGroup), read(root, "retention.chatroom", d.chatroom));
    }

    /** Reads one window, giving the config its default in the syntax of the values (so the effective config shows it). */
    private static Duration read(PluginConfig root, String key, Duration defaultValue) {
        String text = defaultValue.isZero() ? "off" : defaultValue.toDays() + "d"; // the defaults are whole days
        return parse(key, root.get(key, text));
    }

    /** Parses one window; see the class comment for the syntax. */
    public static Duration parse(String key, String text) {
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
                try {
                    return Durations.parse(key, value);
                } catch (ImException e) {
                    throw ImException.invalidParameter("config " + key + " must be off, forever, a duration such as"
                            + " 12h or 7d, or months such as 6M, was '" + text + "'");
                }
            }
        }
    }

    /** The window SYNC serves inbox entries from: the longest offline window. */
    public Duration syncWindow() {
        return max(privateOffline, groupOffline);
    }

    /** The cutoffs of a sweep at {@code nowMillis}; types kept forever are left out. */
    public RetentionCutoffs cutoffs(long nowMillis) {
        Map<ConversationType, Long> inbox = new EnumMap<>(ConversationType.class);
        Map<ConversationType, Long> messages = new EnumMap<>(ConversationType.class);
        put(inbox, messages, ConversationType.PRIVATE, privateOffline, privateHistory, nowMillis);
        put(inbox, messages, ConversationType.SYSTEM, privateOffline, privateHistory, nowMillis);
        put(inbox, messages, ConversationType.GROUP, groupOffline, groupHistory, nowMillis);
        put(inbox, messages, ConversationType.ULTRA_GROUP, ultraGroup, ultraGroup, nowMillis);
        put(inbox, messages, ConversationType.CHATROOM, chatroom, chatroom, nowMillis);
        return new RetentionCutoffs(inbox, messages);
    }

    private static void put(Map<ConversationType, Long> inbox, Map<ConversationType, Long> messages,
            ConversationType type, Duration offline, Duration history, long now) {
        if (!offline.equals(FOREVER)) {
            inbox.put(type, now - offline.toMillis());
        }
        Duration kept = max(offline, history);
        if (!kept.equals(FOREVER)) {
            messages.put(type, now - kept.toMillis());
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
