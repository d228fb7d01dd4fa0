package io.parley.plugin.push.vendor.oppo;

import static io.parley.plugin.push.vendor.VendorSettings.require;
import static io.parley.plugin.push.vendor.VendorSettings.requireSecret;

import io.parley.api.plugin.PluginConfig;
import java.time.Duration;

/**
 * {@code push.oppo.*}: {@code app-key} and {@code master-secret} (the MasterSecret, not the AppSecret),
 * required; {@code endpoint} ({@code https://api.push.oppomobile.com}); {@code channel-id} (Android 8+
 * channel; empty to leave it out); {@code auth-lifetime} (how long a token is used, 12h of its 24h);
 * {@code timeout} (10s).
 */
public record OppoConfig(String appKey, String masterSecret, String endpoint, String channelId,
        Duration authLifetime, Duration timeout) {

    public static OppoConfig from(PluginConfig config) {
        return new OppoConfig(require(config, "oppo", "app-key"),
                requireSecret(config, "oppo", "master-secret"),
                config.get("endpoint", "https://api.push.oppomobile.com"), config.get("channel-id", ""),
                config.getDuration("auth-lifetime", Duration.ofHours(12)),
                config.getDuration("timeout", Duration.ofSeconds(10)));
    }
}
