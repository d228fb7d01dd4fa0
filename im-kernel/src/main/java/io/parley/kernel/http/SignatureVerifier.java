package io.parley.kernel.http;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.rongcloud.RongCloudSignature;
import io.netty.handler.codec.http.HttpHeaders;
import io.parley.kernel.config.KernelConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Checks RongCloud's request signing: headers {@code App-Key}, {@code Nonce}, {@code Timestamp},
 * {@code Signature} (or their {@code RC-} spellings), with Signature = hex(SHA1(secret + nonce + timestamp))
 * over the header strings exactly as received, compared case-insensitively and in constant time. The nonce must
 * not be blank. The timestamp may be seconds or milliseconds (values above 10^11 are milliseconds) and must lie
 * within {@code maxSkew} of this server's clock. Whether the request was seen before is the {@link ReplayGuard}'s
 * question, asked with what this returns. Thread-safe.
 */
@Singleton
public final class SignatureVerifier {
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    /**
     * A request whose signature and timestamp were found good.
     *
     * @param signature       the signature, lower-case hex: it stands for the nonce and timestamp it signs
     * @param timestampMillis the request's timestamp, in epoch milliseconds
     */
    public record Verified(String signature, long timestampMillis) {
    }

    private final String appKey;
    private final String appSecret;
    private final Clock clock;
    private final Duration maxSkew;

    /** @param maxSkew how far a timestamp may be from this server's clock; positive */
    /** Checks signatures made with {@code app.key} and {@code app.secret}, within {@code server-api.max-skew}. */
    @Inject
    public SignatureVerifier(KernelConfig config, Clock clock) {
        this(config.appKey(), config.appSecret(), clock, config.signatureMaxSkew());
    }

    public SignatureVerifier(String appKey, String appSecret, Clock clock, Duration maxSkew) {
        if (maxSkew.isNegative() || maxSkew.isZero()) {
            throw new IllegalArgumentException("maxSkew must be positive: " + maxSkew);
        }
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    public Verified verify(HttpHeaders headers) {
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
            throw new ImException(StandardErrorCode.SIGNATURE_ERROR,
                    "Nonce, Timestamp and Signature headers are required, none of them empty");
        }
        String expected = sign(appSecret, nonce, timestamp);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            throw new ImException(StandardErrorCode.SIGNATURE_ERROR, "signature mismatch");
        }
        return new Verified(expected, timestampMillis(timestamp));
    }

    private long timestampMillis(String timestamp) {
        long value;
        try {
            value = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new ImException(StandardErrorCode.SIGNATURE_ERROR, "Timestamp must be a number");
        }
        // compared as a range, so that no value can overflow its way inside the window
        long millis = value > MILLIS_THRESHOLD || value < -MILLIS_THRESHOLD ? value : value * 1000;
        long now = clock.millis();
        if (millis < now - maxSkew.toMillis() || millis > now + maxSkew.toMillis()) {
            throw new ImException(StandardErrorCode.SIGNATURE_ERROR,
                    "Timestamp is outside the allowed window of " + maxSkew.toSeconds() + "s");
        }
        return millis;
    }

    /** The header's value, or null when it is absent or blank. */
    private static String header(HttpHeaders headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            value = headers.get("RC-" + name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    /** hex(SHA1(secret + nonce + timestamp)), lower case. */
    public static String sign(String secret, String nonce, String timestamp) {
        return RongCloudSignature.sign(secret, nonce, timestamp);
    }
}
