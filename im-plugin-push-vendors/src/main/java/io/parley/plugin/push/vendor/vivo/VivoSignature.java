package io.parley.plugin.push.vendor.vivo;

import io.parley.plugin.push.http.Digests;

/** vivo's auth sign: lower-case hex MD5 of {@code appId + appKey + timestamp + appSecret}. */
public final class VivoSignature {
    private VivoSignature() {
    }

    public static String sign(String appId, String appKey, long timestampMillis, String appSecret) {
        return Digests.md5Hex(appId + appKey + timestampMillis + appSecret);
    }
}
