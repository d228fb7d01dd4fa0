package io.parley.api.rongcloud;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * RongCloud's one signature formula, {@code hex(SHA1(secret + nonce + timestamp))} in lower case: it signs
 * server-API requests (the {@code Signature} header) and the callbacks sent to an app server (the
 * {@code signature} query parameter). Pure and thread-safe.
 */
public final class RongCloudSignature {
    private RongCloudSignature() {
    }

    /** {@code hex(SHA1(secret + nonce + timestamp))}, lower case, over the strings exactly as given. */
    public static String sign(String secret, String nonce, String timestamp) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest((secret + nonce + timestamp).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /**
     * {@code url} with a callback's signing query appended: {@code appKey}, {@code nonce},
     * {@code signTimestamp} (epoch milliseconds) and {@code signature}.
     */
    public static String signCallbackUrl(String url, String appKey, String appSecret, String nonce,
            long timestampMillis) {
        String timestamp = Long.toString(timestampMillis);
        String query = "appKey=" + URLEncoder.encode(appKey, StandardCharsets.UTF_8)
                + "&nonce=" + URLEncoder.encode(nonce, StandardCharsets.UTF_8)
                + "&signTimestamp=" + timestamp
                + "&signature=" + sign(appSecret, nonce, timestamp);
        return url + (url.contains("?") ? "&" : "?") + query;
    }
}
