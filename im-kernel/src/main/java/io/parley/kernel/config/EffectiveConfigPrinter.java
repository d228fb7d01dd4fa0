package io.parley.kernel.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders the effective configuration for the startup log, with secrets masked. */
public final class EffectiveConfigPrinter {
    private static final String[] SECRET_MARKERS = {"secret", "password", "private-key", "credential", "token"};

    private EffectiveConfigPrinter() {
    }

    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String marker : SECRET_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** Every key that was read and has a value, sorted, secrets as {@code ****}. */
    public static Map<String, String> effective(TrackedConfig root) {
        Map<String, String> effective = new TreeMap<>();
        for (String key : root.usedKeys()) {
            root.sources().lookup(key).ifPresent(value -> effective.put(key, isSecret(key) ? "****" : value));
        }
        return effective;
    }

    /** {@link #effective} as {@code key=value} lines. */
    public static String render(TrackedConfig root) {
        StringBuilder out = new StringBuilder();
        effective(root).forEach((key, value) -> out.append("\n  ").append(key).append('=').append(value));
        return out.toString();
    }
}
