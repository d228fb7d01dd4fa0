package io.parley.builtin.history;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks download links: {@code sig = hex(HMAC-SHA256(app secret, name + "\n" + expires))}, with
 * {@code expires} in epoch seconds. Whoever holds a link may download that file until it expires, without
 * the server API's headers (as RongCloud's history URLs work). Immutable, thread-safe.
 */
final class SignedLinks {
    private final byte[] secret;

    SignedLinks(String appSecret) {
        this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
    }

    String sign(String name, long expiresEpochSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((name + "\n" + expiresEpochSeconds).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** True when {@code signature} is this server's for the name and expiry, and the expiry is not past. */
    boolean valid(String name, long expiresEpochSeconds, String signature, long nowEpochSeconds) {
        if (signature == null || expiresEpochSeconds < nowEpochSeconds) {
            return false;
        }
        return MessageDigest.isEqual(sign(name, expiresEpochSeconds).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
