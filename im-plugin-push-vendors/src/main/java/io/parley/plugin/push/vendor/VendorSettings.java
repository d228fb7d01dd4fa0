package io.parley.plugin.push.vendor;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;

/** Reads a vendor's required keys with an error that names the full key ({@code push.<vendor>.<key>}). */
public final class VendorSettings {
    private VendorSettings() {
    }

    public static String require(PluginConfig config, String vendor, String key) {
        return config.get(key).filter(value -> !value.isBlank()).orElseThrow(() -> ImException.invalidParameter(
                "push." + vendor + "." + key + " is required when push.vendors includes " + vendor));
    }
}
