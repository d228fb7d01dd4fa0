package io.parley.plugin.push.vendor.meizu;

import io.parley.plugin.push.http.Digests;
import java.util.Map;
import java.util.TreeMap;

/**
 * Meizu's request sign: every parameter but {@code sign}, sorted by name, written {@code k1=v1k2=v2…} with raw
 * (not URL-encoded) values, then the app secret; lower-case hex MD5 of that.
 */
public final class MeizuSignature {
    private MeizuSignature() {
    }

    public static String sign(Map<String, String> params, String appSecret) {
        StringBuilder input = new StringBuilder();
        new TreeMap<>(params).forEach((key, value) -> {
            if (!key.equals("sign")) {
                input.append(key).append('=').append(value);
            }
        });
        return Digests.md5Hex(input.append(appSecret).toString());
    }
}
