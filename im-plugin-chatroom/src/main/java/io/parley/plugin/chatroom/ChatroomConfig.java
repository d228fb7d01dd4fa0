package io.parley.plugin.chatroom;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.time.Duration;

/**
 * The chatroom plugin's settings, read once at startup from the {@code chatroom.*} keys. Each value is
 * validated here, so a bad value fails startup with the key's name.
 *
 * @param autoCreate whether a client joining an unknown room creates it ({@code auto-create}, true)
 * @param maxRoomsPerUser rooms a user may be in at once; joining one more leaves the oldest ({@code 1})
 * @param maxMembers members per room, 0 for unlimited ({@code max-members}, 0)
 * @param historyDefaultCount join history when the client does not say ({@code history.default-count}, 50)
 * @param historyMaxCount the most a client may ask for ({@code history.max-count}, 50)
 * @param ringSize messages kept per room in memory, at least {@code historyMaxCount} ({@code ring-size}, 100)
 * @param keepAlive idle time after which a room is destroyed ({@code keep-alive}, 1h)
 * @param sweepInterval how often idle rooms are looked for ({@code sweep-interval}, 30s)
 * @param disconnectGrace how long a member whose last device went offline stays a member
 *     ({@code disconnect-grace}, 60s)
 * @param maxMessagesPerSecond a room's delivery capacity in messages per second ({@code max-messages-per-second}, 500)
 * @param kvMaxKeys attributes per room ({@code kv.max-keys}, 100)
 * @param kvMaxKeyLength characters per key ({@code kv.max-key-length}, 128)
 * @param kvMaxValueLength characters per value ({@code kv.max-value-length}, 4096)
 */
public record ChatroomConfig(boolean autoCreate, int maxRoomsPerUser, int maxMembers, int historyDefaultCount,
        int historyMaxCount, int ringSize, Duration keepAlive, Duration sweepInterval, Duration disconnectGrace,
        int maxMessagesPerSecond, int kvMaxKeys, int kvMaxKeyLength, int kvMaxValueLength) {

    public ChatroomConfig {
        atLeast("max-rooms-per-user", maxRoomsPerUser, 1);
        atLeast("max-members", maxMembers, 0);
        atLeast("history.max-count", historyMaxCount, 0);
        if (historyDefaultCount < 0 || historyDefaultCount > historyMaxCount) {
            throw ImException.invalidParameter("config chatroom.history.default-count must be 0 to history.max-count ("
                    + historyMaxCount + "), was " + historyDefaultCount);
        }
        atLeast("ring-size", ringSize, Math.max(1, historyMaxCount));
        positive("keep-alive", keepAlive);
        positive("sweep-interval", sweepInterval);
        if (disconnectGrace == null || disconnectGrace.isNegative()) {
            throw ImException.invalidParameter("config chatroom.disconnect-grace must be 0 or more");
        }
        atLeast("max-messages-per-second", maxMessagesPerSecond, 1);
        atLeast("kv.max-keys", kvMaxKeys, 1);
        atLeast("kv.max-key-length", kvMaxKeyLength, 1);
        atLeast("kv.max-value-length", kvMaxValueLength, 1);
    }

    /** The defaults, as documented in {@code docs/plugins/chatroom.md}. */
    public static ChatroomConfig defaults() {
        return new ChatroomConfig(true, 1, 0, 50, 50, 100, Duration.ofHours(1), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 500, 100, 128, 4096);
    }

    /** Reads every key (so that each counts as used) from the plugin's own config subtree. */
    public static ChatroomConfig from(PluginConfig config) {
        ChatroomConfig d = defaults();
        int historyMax = config.getInt("history.max-count", d.historyMaxCount());
        return new ChatroomConfig(
                config.getBoolean("auto-create", d.autoCreate()),
                config.getInt("max-rooms-per-user", d.maxRoomsPerUser()),
                config.getInt("max-members", d.maxMembers()),
                config.getInt("history.default-count", Math.min(d.historyDefaultCount(), historyMax)),
                historyMax,
                config.getInt("ring-size", Math.max(d.ringSize(), historyMax)),
                config.getDuration("keep-alive", d.keepAlive()),
                config.getDuration("sweep-interval", d.sweepInterval()),
                config.getDuration("disconnect-grace", d.disconnectGrace()),
                config.getInt("max-messages-per-second", d.maxMessagesPerSecond()),
                config.getInt("kv.max-keys", d.kvMaxKeys()),
                config.getInt("kv.max-key-length", d.kvMaxKeyLength()),
                config.getInt("kv.max-value-length", d.kvMaxValueLength()));
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw ImException.invalidParameter("config chatroom." + key + " must be at least " + min + ", was " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw ImException.invalidParameter("config chatroom." + key + " must be a positive duration");
        }
    }
}
