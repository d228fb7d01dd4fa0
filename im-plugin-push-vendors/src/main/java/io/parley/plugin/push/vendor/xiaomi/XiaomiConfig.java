package io.parley.plugin.push.vendor.xiaomi;

import static io.parley.plugin.push.vendor.VendorSettings.requireSecret;

import static java.util.Objects.requireNonNull;

import io.parley.api.plugin.PluginConfig;
import java.time.Duration;

/**
 * {@code push.xiaomi.*}: {@code app-secret} (required), {@code endpoint} (default
 * {@code https://api.xmpush.xiaomi.com}), {@code channel-id} (the private-message channel registered in the
 * console; empty to leave it out), {@code timeout} (10s).
 */
public record XiaomiConfig(String appSecret, String endpoint, String channelId, Duration timeout) {
    public static final String DEFAULT_ENDPOINT = "https://api.xmpush.xiaomi.com";

    public XiaomiConfig {
        requireNonNull(appSecret, "appSecret is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(channelId, "channelId is null");
    }

    public static XiaomiConfig from(PluginConfig config) {
        return new XiaomiConfig(requireSecret(config, "xiaomi", "app-secret"), config.get("endpoint", DEFAULT_ENDPOINT),
                config.get("channel-id", ""), config.getDuration("timeout", Duration.ofSeconds(10)));
    }
}
