package io.parley.kernel.message;

import java.security.SecureRandom;

/**
 * Makes message UIDs in RongCloud's shape: four groups of four upper-case base-32 characters,
 * {@code BCVD-DV70-EKOC-7ES6}. 80 bits: 42 bits of milliseconds, a 22-bit counter within the millisecond,
 * and a 16-bit node salt chosen at random per process, so two nodes rarely collide and one node never does.
 * Thread-safe.
 */
public final class MessageUidGenerator {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".substring(0, 32).toCharArray();

    private final int salt = new SecureRandom().nextInt(1 << 16);
    private long lastMillis;
    private int counter;

    public synchronized String next(long nowMillis) {
        if (nowMillis > lastMillis) {
            lastMillis = nowMillis;
            counter = 0;
        } else if (++counter >= 1 << 22) {
            lastMillis++;
            counter = 0;
        }
        long high = lastMillis & ((1L << 42) - 1);
        long low = ((long) counter << 16) | salt;
        // 80 bits = high(42) | low(38): 16 characters of 5 bits each.
        StringBuilder out = new StringBuilder(19);
        for (int i = 15; i >= 0; i--) {
            int bitIndex = i * 5;
            int value = (int) (bitIndex >= 38
                    ? (high >>> (bitIndex - 38)) & 31
                    : bitIndex + 5 > 38
                            ? ((high << (38 - bitIndex)) | (low >>> bitIndex)) & 31
                            : (low >>> bitIndex) & 31);
            out.append(ALPHABET[value]);
            if (i % 4 == 0 && i > 0) {
                out.append('-');
            }
        }
        return out.toString();
    }
}
