package io.parley.kernel.statistics;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.time.Duration;

/**
 * The {@code statistics.*} keys: {@code retention-days} (90: how many days of hourly and daily figures are kept) and
 * {@code flush-interval} (1m: how often each node adds what it counted to storage; also at stop).
 *
 * @param retentionDays days of figures kept, 1 to 3660
 * @param flushInterval how often counts go to storage, 100 ms to 1 hour
 */
public record StatisticsConfig(int retentionDays, Duration flushInterval) {
    public static final int DEFAULT_RETENTION_DAYS = 90;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMinutes(1);

    public StatisticsConfig {
        if (retentionDays < 1 || retentionDays > 3660) {
            throw ImException.invalidParameter("statistics.retention-days must be 1 to 3660: " + retentionDays);
        }
        if (flushInterval.compareTo(Duration.ofMillis(100)) < 0 || flushInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw ImException.invalidParameter("statistics.flush-interval must be 100ms to 1h: " + flushInterval);
        }
    }

    public static StatisticsConfig read(PluginConfig config) {
        return new StatisticsConfig(config.getInt("statistics.retention-days", DEFAULT_RETENTION_DAYS),
                config.getDuration("statistics.flush-interval", DEFAULT_FLUSH_INTERVAL));
    }

    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }
}
