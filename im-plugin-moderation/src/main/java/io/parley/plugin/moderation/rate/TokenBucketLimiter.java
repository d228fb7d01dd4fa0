package io.parley.plugin.moderation.rate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets by key, with bounded memory. Each key's bucket holds up to {@code burst} tokens and refills at
 * {@code ratePerSecond}; a call takes one token or is refused. Buckets live in striped LRU maps holding at most
 * {@code maxKeys} in total: when a stripe is full its least recently used bucket is dropped. A bucket idle for
 * {@code burst / ratePerSecond} seconds is full again, so dropping it loses nothing; only when more than
 * {@code maxKeys} keys are active within that time can a dropped key regain its burst early.
 *
 * <p>Thread-safe: one short lock per stripe, never blocks otherwise.
 */
public final class TokenBucketLimiter {
    private static final int STRIPES = 64;

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Stripe[] stripes;

    public TokenBucketLimiter(double ratePerSecond, int burst, int maxKeys, LongSupplier nanoTime) {
        if (ratePerSecond <= 0 || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("rate, burst and maxKeys must be positive: " + ratePerSecond + ", "
                    + burst + ", " + maxKeys);
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        int stripeCount = Math.min(STRIPES, maxKeys);
        this.stripes = new Stripe[stripeCount];
        int perStripe = Math.max(1, maxKeys / stripeCount);
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new Stripe(perStripe);
        }
    }

    /** Takes a token from {@code key}'s bucket; false when the bucket is empty. */
    public boolean tryAcquire(String key) {
        Stripe stripe = stripes[Math.floorMod(key.hashCode() * 0x9E3779B9, stripes.length)];
        long now = nanoTime.getAsLong();
        synchronized (stripe) {
            Bucket bucket = stripe.get(key);
            if (bucket == null) {
                bucket = new Bucket(burst, now);
                stripe.put(key, bucket);
            } else {
                bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.lastNanos) * ratePerNano);
                bucket.lastNanos = now;
            }
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** How many buckets are held now; never more than {@code maxKeys}. */
    public int trackedKeys() {
        int total = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                total += stripe.size();
            }
        }
        return total;
    }

    /** One key's tokens, as of {@code lastNanos}. Guarded by its stripe. */
    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    /** An access-ordered map that drops its eldest entry beyond its capacity. */
    private static final class Stripe extends LinkedHashMap<String, Bucket> {
        private final int capacity;

        Stripe(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > capacity;
        }
    }
}
