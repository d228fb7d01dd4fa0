package io.parley.plugin.push.vendor.honor;

import static io.parley.plugin.push.vendor.VendorSettings.require;
import static io.parley.plugin.push.vendor.VendorSettings.requireSecret;

import io.parley.api.plugin.PluginConfig;
import java.time.Duration;

/**
 * {@code push.honor.*}: {@code app-id} (in the send URL), {@code client-id} and {@code client-secret} (for the
 * token), all required; {@code endpoint} ({@code https://push-api.cloud.honor.com}); {@code auth-url}
 * ({@code https://iam.developer.honor.com/auth/token}, which has moved before, hence configurable);
 * {@code badge-class} (empty: no badge class); {@code timeout} (10s).
 */
public record HonorConfig(String appId, String clientId, String clientSecret, String endpoint, String authUrl,
        String badgeClass, Duration timeout) {

    public static HonorConfig from(PluginConfig config) {
        return new HonorConfig(require(config, "honor", "app-id"),
                require(config, "honor", "client-id"), requireSecret(config, "honor", "client-secret"),
                config.get("endpoint", "https://push-api.cloud.honor.com"),
                config.get("auth-url", "https://iam.developer.honor.com/auth/token"), config.get("badge-class", ""),
                config.getDuration("timeout", Duration.ofSeconds(10)));
    }
}
