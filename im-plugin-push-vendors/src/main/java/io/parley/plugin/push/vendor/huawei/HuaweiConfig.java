package io.parley.plugin.push.vendor.huawei;

import static io.parley.plugin.push.vendor.VendorSettings.require;
import static io.parley.plugin.push.vendor.VendorSettings.requireSecret;

import io.parley.api.plugin.PluginConfig;
import java.time.Duration;

/**
 * {@code push.huawei.*}: {@code client-id} and {@code client-secret} (the app's AppID and AppSecret,
 * required); {@code endpoint} ({@code https://push-api.cloud.huawei.com}); {@code auth-url}
 * ({@code https://oauth-login.cloud.huawei.com/oauth2/v3/token}); {@code category} ({@code IM}, needs the
 * self-classification right; empty to leave it out); {@code badge-class} (the launcher activity the badge is
 * for; empty to send no badge); {@code timeout} (10s).
 */
public record HuaweiConfig(String clientId, String clientSecret, String endpoint, String authUrl, String category,
        String badgeClass, Duration timeout) {

    public static HuaweiConfig from(PluginConfig config) {
        return new HuaweiConfig(require(config, "huawei", "client-id"),
                requireSecret(config, "huawei", "client-secret"),
                config.get("endpoint", "https://push-api.cloud.huawei.com"),
                config.get("auth-url", "https://oauth-login.cloud.huawei.com/oauth2/v3/token"),
                config.get("category", "IM"), config.get("badge-class", ""),
                config.getDuration("timeout", Duration.ofSeconds(10)));
    }
}
