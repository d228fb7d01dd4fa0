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

    /** Every key that was read and has a value, as {@code key=value} lines, secrets as {@code ****}. */
    public static String render(TrackedConfig root) {
        Map<String, String> effective = new TreeMap<>();
        for (String key : root.usedKeys()) {
            root.sources().lookup(key).ifPresent(value -> effective.put(key, isSecret(key) ? "****" : value));
        }
        StringBuilder out = new StringBuilder();
        effective.forEach((key, value) -> out.append("\n  ").append(key).append('=').append(value));
        return out.toString();
    }
}
