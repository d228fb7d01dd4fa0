package io.parley.plugin.push.vendor.fcm;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushProviderFactory;

/** Makes the Firebase Cloud Messaging (HTTP v1) adapter, named {@code fcm}. */
public final class FcmPushProviderFactory implements PushProviderFactory {
    @Override
    public String name() {
        return "fcm";
    }

    @Override
    public PushProvider create(PluginConfig config, PluginContext context) {
        return new FcmPushProvider(FcmConfig.from(config), context.clock());
    }
}
