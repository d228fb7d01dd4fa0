package io.parley.plugin.push.vendor.oppo;

import io.parley.plugin.push.http.Digests;

/** OPPO's auth sign: lower-case hex SHA-256 of {@code appKey + timestamp + masterSecret}. */
public final class OppoSignature {
    private OppoSignature() {
    }

    public static String sign(String appKey, long timestampMillis, String masterSecret) {
        return Digests.sha256Hex(appKey + timestampMillis + masterSecret);
    }
}
