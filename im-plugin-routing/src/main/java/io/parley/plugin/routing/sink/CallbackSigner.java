package io.parley.plugin.routing.sink;

import static java.util.Objects.requireNonNull;

import io.parley.api.rongcloud.RongCloudSignature;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Signs callbacks as RongCloud does (§7.1): the query parameters {@code appKey}, {@code nonce},
 * {@code signTimestamp} (epoch milliseconds) and {@code signature = sha1hex(appSecret + nonce + signTimestamp)}
 * in lower case. A fresh nonce and timestamp per request, so every retry is signed anew. Thread-safe;
 * never blocks.
 */
public final class CallbackSigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String appKey;
    private final String appSecret;
    private final Clock clock;

    public CallbackSigner(String appKey, String appSecret, Clock clock) {
        this.appKey = requireNonNull(appKey, "appKey is null");
        this.appSecret = requireNonNull(appSecret, "appSecret is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** {@code url} with the four signing parameters appended to its query. */
    public String sign(String url) {
        String nonce = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        return RongCloudSignature.signCallbackUrl(url, appKey, appSecret, nonce, clock.millis());
    }
}
