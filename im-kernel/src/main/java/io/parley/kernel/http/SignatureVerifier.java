package io.parley.kernel.http;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.rongcloud.RongCloudSignature;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;

/**
 * Checks RongCloud's request signing: headers {@code App-Key}, {@code Nonce}, {@code Timestamp},
 * {@code Signature} (or their {@code RC-} spellings), with Signature = hex(SHA1(secret + nonce + timestamp))
 * over the header strings exactly as received, compared case-insensitively. The timestamp may be seconds or
 * milliseconds (values above 10^11 are milliseconds); when {@code maxSkew} is not zero, one outside that
 * window is refused. The nonce is not restricted. Thread-safe.
 */
public final class SignatureVerifier {
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final String appKey;
    private final String appSecret;
    private final Clock clock;
    private final Duration maxSkew;

    public SignatureVerifier(String appKey, String appSecret, Clock clock, Duration maxSkew) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    public void verify(HttpHeaders headers) {
        String key = header(headers, "App-Key");
        if (key == null) {
            throw new ImException(StandardErrorCode.UNKNOWN_APP_KEY, "App-Key header is required");
        }
        if (!key.equals(appKey)) {
            throw new ImException(StandardErrorCode.UNKNOWN_APP_KEY, "Invalidate App-Key.");
        }
        String nonce = header(headers, "Nonce");
        String timestamp = header(headers, "Timestamp");
        String signature = header(headers, "Signature");
        if (nonce == null || timestamp == null || signature == null) {
            throw new ImException(StandardErrorCode.SIGNATURE_ERROR, "Nonce, Timestamp and Signature headers are required");
        }
        if (!sign(appSecret, nonce, timestamp).equalsIgnoreCase(signature.trim())) {
            throw new ImException(StandardErrorCode.SIGNATURE_ERROR, "signature mismatch");
        }
        checkSkew(timestamp);
    }

    private void checkSkew(String timestamp) {
        long value;
        try {
            value = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new ImException(StandardErrorCode.SIGNATURE_ERROR, "Timestamp must be a number");
        }
        if (maxSkew.isZero()) {
            return;
        }
        long millis = value > MILLIS_THRESHOLD ? value : value * 1000;
        if (Math.abs(clock.millis() - millis) > maxSkew.toMillis()) {
            throw new ImException(StandardErrorCode.SIGNATURE_ERROR,
                    "Timestamp is outside the allowed window of " + maxSkew.toSeconds() + "s");
        }
    }

    private static String header(HttpHeaders headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            value = headers.get("RC-" + name);
        }
        return value == null || value.isEmpty() ? null : value;
    }

    /** hex(SHA1(secret + nonce + timestamp)), lower case. */
    public static String sign(String secret, String nonce, String timestamp) {
        return RongCloudSignature.sign(secret, nonce, timestamp);
    }
}
