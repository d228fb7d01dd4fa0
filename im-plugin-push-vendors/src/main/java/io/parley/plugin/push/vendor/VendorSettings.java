package io.parley.plugin.push.vendor;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;

/** Reads a vendor's required keys with an error that names the full key ({@code push.<vendor>.<key>}). */
public final class VendorSettings {
    private VendorSettings() {
    }

    public static String require(PluginConfig config, String vendor, String key) {
        return required(config.get(key), vendor, key);
    }

    /** A required key that holds a secret (an app secret, a client secret): never shown in the configuration. */
    public static String requireSecret(PluginConfig config, String vendor, String key) {
        return required(config.getSecret(key), vendor, key);
    }

    private static String required(java.util.Optional<String> value, String vendor, String key) {
        return value.filter(text -> !text.isBlank()).orElseThrow(() -> ImException.invalidParameter(
                "push." + vendor + "." + key + " is required when push.vendors includes " + vendor));
    }
}
