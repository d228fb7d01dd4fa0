package io.parley.kernel.health;

import io.parley.api.error.ImException;
import io.parley.kernel.config.TrackedConfig;
import java.time.Duration;

/**
 * What turns each health check amber or red, from the {@code health.*} keys. Each pair must have amber no worse than
 * red.
 *
 * @param commitLatencyAmber {@code health.commit-latency.amber}: the slowest recent commit at or above it is amber
 * @param commitLatencyRed   {@code health.commit-latency.red}
 * @param commitQueueAmber   {@code health.commit-queue.amber}: appends waiting for the committer; red is the store's
 *                           own "busy" (80% of its bound), which also makes {@code /health/ready} answer BUSY
 * @param diskFreeAmber      {@code health.disk-free.amber}: percent of the data folder's disk free, at or below it amber
 * @param diskFreeRed        {@code health.disk-free.red}
 * @param checkpointAmber    {@code health.checkpoint.amber}: no checkpoint of the embedded store for this long is amber
 * @param checkpointRed      {@code health.checkpoint.red}
 * @param errorWindow        {@code health.error-window}: how recent a push or cluster error must be to count
 * @param pushQueueAmber     {@code health.push-queue.amber}: pushes queued for sending or retry
 * @param pushQueueRed       {@code health.push-queue.red}
 * @param backlogAmber       {@code health.webhook-backlog.amber}: events waiting in the routing outbox
 * @param backlogRed         {@code health.webhook-backlog.red}
 * @param deadLettersAmber   {@code health.dead-letters.amber}: events kept as dead letters
 * @param deadLettersRed     {@code health.dead-letters.red}
 */
public record HealthThresholds(Duration commitLatencyAmber, Duration commitLatencyRed, long commitQueueAmber,
        int diskFreeAmber, int diskFreeRed, Duration checkpointAmber, Duration checkpointRed, Duration errorWindow,
        long pushQueueAmber, long pushQueueRed, long backlogAmber, long backlogRed, long deadLettersAmber,
        long deadLettersRed) {

    public HealthThresholds {
        pair("health.commit-latency", commitLatencyAmber.toMillis(), commitLatencyRed.toMillis(), true);
        pair("health.disk-free", diskFreeRed, diskFreeAmber, true);
        if (diskFreeAmber > 100 || diskFreeRed < 0) {
            throw ImException.invalidParameter("config health.disk-free.* are percents, 0 to 100");
        }
        pair("health.checkpoint", checkpointAmber.toMillis(), checkpointRed.toMillis(), true);
        pair("health.push-queue", pushQueueAmber, pushQueueRed, true);
        pair("health.webhook-backlog", backlogAmber, backlogRed, true);
        pair("health.dead-letters", deadLettersAmber, deadLettersRed, true);
        if (commitQueueAmber < 0 || errorWindow.isNegative() || errorWindow.isZero()) {
            throw ImException.invalidParameter("config health.commit-queue.amber must be 0 or more and"
                    + " health.error-window positive");
        }
    }

    private static void pair(String key, long lower, long upper, boolean check) {
        if (check && (lower < 0 || lower > upper)) {
            throw ImException.invalidParameter("config " + key + ".amber and " + key + ".red must be 0 or more, amber"
                    + " no worse than red: " + lower + " / " + upper);
        }
    }

    public static HealthThresholds read(TrackedConfig config) {
        return new HealthThresholds(
                config.getDuration("health.commit-latency.amber", Duration.ofMillis(200)),
                config.getDuration("health.commit-latency.red", Duration.ofSeconds(2)),
                config.getLong("health.commit-queue.amber", 1_000),
                config.getInt("health.disk-free.amber", 10),
                config.getInt("health.disk-free.red", 5),
                config.getDuration("health.checkpoint.amber", Duration.ofMinutes(1)),
                config.getDuration("health.checkpoint.red", Duration.ofMinutes(5)),
                config.getDuration("health.error-window", Duration.ofMinutes(15)),
                config.getLong("health.push-queue.amber", 1_000),
                config.getLong("health.push-queue.red", 10_000),
                config.getLong("health.webhook-backlog.amber", 1_000),
                config.getLong("health.webhook-backlog.red", 10_000),
                config.getLong("health.dead-letters.amber", 1),
                config.getLong("health.dead-letters.red", 1_000));
    }
}
