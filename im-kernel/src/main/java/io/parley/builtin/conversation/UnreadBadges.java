package io.parley.builtin.conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The badge of an offline user's pushes: their unread total. Counting it means reading their whole inbox
 * window, which costs as much as the inbox is long, so it is counted at most once per {@code refresh} per user;
 * in between, each further push adds one (it is a new counted message from someone else). A read or a recall
 * that happens meanwhile through the server API shows in the badge at the next count. Thread-safe.
 */
final class UnreadBadges {
    private static final int SWEEP_ABOVE = 100_000;

    private record Counted(int badge, long countedAtMillis) {
    }

    private final Map<String, Counted> badges = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long refreshMillis;

    UnreadBadges(Clock clock, Duration refresh) {
        this.clock = clock;
        this.refreshMillis = refresh.toMillis();
    }

    /** The badge for one more counted message to {@code userId}; {@code count} counts it from storage. */
    int next(String userId, IntSupplier count) {
        long now = clock.millis();
        Counted before = badges.get(userId);
        Counted after = before != null && now - before.countedAtMillis() < refreshMillis
                ? new Counted(before.badge() + 1, before.countedAtMillis())
                : new Counted(count.getAsInt(), now);
        badges.put(userId, after);
        if (badges.size() > SWEEP_ABOVE) {
            badges.values().removeIf(counted -> now - counted.countedAtMillis() >= refreshMillis);
        }
        return after.badge();
    }
}
