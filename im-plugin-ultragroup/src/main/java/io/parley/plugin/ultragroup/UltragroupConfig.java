package io.parley.plugin.ultragroup;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.time.Duration;

/**
 * The ultragroup plugin's settings, read once at startup from the {@code ultragroup.*} keys.
 *
 * @param maxGroupsPerUser ultragroups one user may be in ({@code max-groups-per-user}, 100)
 * @param maxChannelsPerGroup channels per ultragroup, the default channel included ({@code max-channels-per-group}, 50)
 * @param historyBeforeJoin whether a member reads messages sent before it joined ({@code history-before-join}, false)
 * @param pushInterval the default push frequency: at most one push per this interval per member per channel;
 *     0 pushes every message ({@code push.interval}, 1m); each ultragroup may override it
 * @param pushQueue messages waiting for offline-push work beyond which new ones are dropped ({@code push.queue}, 1000)
 * @param unreadCap how many unread messages a channel list counts at most per channel ({@code unread-cap}, 100)
 * @param pushMaxRate the most pushes asked for per second, across all ultragroups ({@code push.max-rate}, 5000):
 *     a pass over a very large channel is paced rather than flooding the event bus
 */
public record UltragroupConfig(int maxGroupsPerUser, int maxChannelsPerGroup, boolean historyBeforeJoin,
        Duration pushInterval, int pushQueue, int unreadCap, int pushMaxRate) {

    public UltragroupConfig {
        atLeast("max-groups-per-user", maxGroupsPerUser, 1);
        atLeast("max-channels-per-group", maxChannelsPerGroup, 1);
        atLeast("push.queue", pushQueue, 1);
        atLeast("unread-cap", unreadCap, 1);
        atLeast("push.max-rate", pushMaxRate, 1);
        if (pushInterval == null || pushInterval.isNegative()) {
            throw ImException.invalidParameter("config ultragroup.push.interval must be 0 or more");
        }
    }

    public static UltragroupConfig defaults() {
        return new UltragroupConfig(100, 50, false, Duration.ofMinutes(1), 1000, 100, 5000);
    }

    public static UltragroupConfig from(PluginConfig config) {
        UltragroupConfig d = defaults();
        return new UltragroupConfig(
                config.getInt("max-groups-per-user", d.maxGroupsPerUser()),
                config.getInt("max-channels-per-group", d.maxChannelsPerGroup()),
                config.getBoolean("history-before-join", d.historyBeforeJoin()),
                config.getDuration("push.interval", d.pushInterval()),
                config.getInt("push.queue", d.pushQueue()),
                config.getInt("unread-cap", d.unreadCap()),
                config.getInt("push.max-rate", d.pushMaxRate()));
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw ImException.invalidParameter("config ultragroup." + key + " must be at least " + min + ", was " + value);
        }
    }
}
