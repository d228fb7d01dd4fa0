package io.parley.plugin.push.vendor.meizu;

import static io.parley.plugin.push.vendor.VendorSettings.require;
import static io.parley.plugin.push.vendor.VendorSettings.requireSecret;

import io.parley.api.plugin.PluginConfig;
import java.time.Duration;

/**
 * {@code push.meizu.*}: {@code app-id} and {@code app-secret}, required; {@code endpoint}
 * ({@code https://server-api-push.meizu.com}); {@code timeout} (10s).
 */
public record MeizuConfig(String appId, String appSecret, String endpoint, Duration timeout) {

    public static MeizuConfig from(PluginConfig config) {
        return new MeizuConfig(require(config, "meizu", "app-id"),
                requireSecret(config, "meizu", "app-secret"),
                config.get("endpoint", "https://server-api-push.meizu.com"),
                config.getDuration("timeout", Duration.ofSeconds(10)));
    }
}
