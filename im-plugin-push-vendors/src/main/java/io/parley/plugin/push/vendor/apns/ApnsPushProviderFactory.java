package io.parley.plugin.push.vendor.apns;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushProviderFactory;

/** Makes the Apple Push Notification service adapter, named {@code apns}. */
public final class ApnsPushProviderFactory implements PushProviderFactory {
    @Override
    public String name() {
        return "apns";
    }

    @Override
    public PushProvider create(PluginConfig config, PluginContext context) {
        return new ApnsPushProvider(ApnsConfig.from(config), context.clock());
    }
}
