package io.parley.plugin.push.vendor.vivo;

import static io.parley.plugin.push.vendor.VendorSettings.require;
import static io.parley.plugin.push.vendor.VendorSettings.requireSecret;

import io.parley.api.plugin.PluginConfig;
import java.time.Duration;

/**
 * {@code push.vivo.*}: {@code app-id}, {@code app-key} and {@code app-secret}, required; {@code endpoint}
 * ({@code https://api-push.vivo.com.cn}); {@code category} ({@code IM}); {@code auth-lifetime} (how long a
 * token is used, 1h of its 24h, as vivo recommends); {@code timeout} (10s).
 */
public record VivoConfig(String appId, String appKey, String appSecret, String endpoint, String category,
        Duration authLifetime, Duration timeout) {

    public static VivoConfig from(PluginConfig config) {
        return new VivoConfig(require(config, "vivo", "app-id"),
                require(config, "vivo", "app-key"), requireSecret(config, "vivo", "app-secret"),
                config.get("endpoint", "https://api-push.vivo.com.cn"), config.get("category", "IM"),
                config.getDuration("auth-lifetime", Duration.ofHours(1)),
                config.getDuration("timeout", Duration.ofSeconds(10)));
    }
}
