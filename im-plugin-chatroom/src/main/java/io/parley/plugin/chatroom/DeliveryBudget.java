package io.parley.plugin.chatroom;

/**
 * A room's delivery capacity as a token bucket: {@code ratePerSecond} tokens a second, holding at most one
 * second's worth. Each delivered message takes a token. Under overload the lower priority gives way first:
 * a low-priority message passes only while at least half the bucket is left, a normal one while a token is
 * left, and a whitelisted one always (it takes a token if there is one, so it still counts as load).
 *
 * <p>Not thread-safe: used under its room's lock.
 */
final class DeliveryBudget {
    /** How much a message matters when the room is over capacity. */
    enum Priority { LOW, NORMAL, WHITELISTED }

    private final double capacity;
    private final double tokensPerMilli;
    private double tokens;
    private long lastRefillMillis;

    DeliveryBudget(int ratePerSecond, long nowMillis) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("ratePerSecond must be at least 1");
        }
        this.capacity = ratePerSecond;
        this.tokensPerMilli = ratePerSecond / 1000.0;
        this.tokens = capacity;
        this.lastRefillMillis = nowMillis;
    }

    /** Whether a message of this priority may be delivered now; if so, its token is taken. */
    boolean admit(Priority priority, long nowMillis) {
        refill(nowMillis);
        double floor = switch (priority) {
            case LOW -> Math.max(1, capacity / 2);
            case NORMAL -> 1;
            case WHITELISTED -> 0;
        };
        if (tokens < floor) {
            return false;
        }
        tokens = Math.max(0, tokens - 1);
        return true;
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - lastRefillMillis;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerMilli);
            lastRefillMillis = nowMillis;
        }
    }
}
