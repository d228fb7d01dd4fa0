package io.parley.plugin.moderation.users;

import static java.util.Objects.requireNonNull;

import io.parley.api.storage.MetadataStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who is banned from connecting, and until when: kept in metadata namespace {@code moderation.bans} (user id →
 * end, epoch milliseconds) and mirrored in memory. A ban lifts by itself when its time is up: an expired ban
 * no longer counts ({@link #bannedUntil}) and the {@link #sweep()} deletes it.
 *
 * <p>Thread-safe. {@link #bannedUntil} reads memory only (deleting an expired entry may block briefly on
 * storage); {@link #ban}, {@link #unban} and {@link #sweep} block on storage.
 */
public final class BanStore {
    static final String NAMESPACE = "moderation.bans";
    /** RongCloud's limit on {@code minute} in {@code /user/block.json}: 30 days. */
    public static final int MAX_MINUTES = 43_200;

    private final MetadataStore metadata;
    private final Clock clock;
    private final Map<String, Long> endMillis = new ConcurrentHashMap<>();

    public BanStore(MetadataStore metadata, Clock clock) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.clock = requireNonNull(clock, "clock is null");
        metadata.scan(NAMESPACE, "").forEach((userId, end) -> endMillis.put(userId, Long.parseLong(end)));
        sweep();
    }

    /** Bans {@code userId} for {@code minutes} from now, replacing an earlier ban; returns when it ends. */
    public Instant ban(String userId, int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("minutes must be 1 to " + MAX_MINUTES + ": " + minutes);
        }
        long end = clock.millis() + minutes * 60_000L;
        metadata.put(NAMESPACE, userId, String.valueOf(end));
        endMillis.put(userId, end);
        return Instant.ofEpochMilli(end);
    }

    public void unban(String userId) {
        metadata.delete(NAMESPACE, userId);
        endMillis.remove(userId);
    }

    /** When the ban of {@code userId} ends, or empty when the user is not banned (or the ban ran out). */
    public Optional<Instant> bannedUntil(String userId) {
        Long end = endMillis.get(userId);
        if (end == null) {
            return Optional.empty();
        }
        if (end <= clock.millis()) {
            if (endMillis.remove(userId, end)) {
                metadata.delete(NAMESPACE, userId);
            }
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(end));
    }

    /** Every ban in force, by user id. */
    public Map<String, Instant> bans() {
        long now = clock.millis();
        Map<String, Instant> result = new TreeMap<>();
        endMillis.forEach((userId, end) -> {
            if (end > now) {
                result.put(userId, Instant.ofEpochMilli(end));
            }
        });
        return result;
    }

    /** Deletes the bans that ran out. */
    public void sweep() {
        long now = clock.millis();
        endMillis.forEach((userId, end) -> {
            if (end <= now && endMillis.remove(userId, end)) {
                metadata.delete(NAMESPACE, userId);
            }
        });
    }

    /** Sweeps once a minute on {@code scheduler}. */
    public void scheduleSweep(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, 1, 1, TimeUnit.MINUTES);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            System.getLogger(BanStore.class.getName()).log(System.Logger.Level.WARNING, "ban sweep failed", e);
        }
    }
}
