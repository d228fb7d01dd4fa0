package io.parley.plugin.push.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex digests, as the vendors' signature schemes want them. */
public final class Digests {
    private Digests() {
    }

    public static String md5Hex(String input) {
        return hex("MD5", input);
    }

    public static String sha256Hex(String input) {
        return hex("SHA-256", input);
    }

    private static String hex(String algorithm, String input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }
}
