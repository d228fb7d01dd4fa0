package io.parley.plugin.push.vendor.meizu;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushProviderFactory;

/** Makes the Meizu (Flyme) push adapter, named {@code meizu}. */
public final class MeizuPushProviderFactory implements PushProviderFactory {
    @Override
    public String name() {
        return "meizu";
    }

    @Override
    public PushProvider create(PluginConfig config, PluginContext context) {
        return new MeizuPushProvider(MeizuConfig.from(config));
    }
}
