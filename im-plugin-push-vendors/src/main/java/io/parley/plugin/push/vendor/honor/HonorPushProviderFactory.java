package io.parley.plugin.push.vendor.honor;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushProviderFactory;

/** Makes the Honor Push adapter, named {@code honor}. */
public final class HonorPushProviderFactory implements PushProviderFactory {
    @Override
    public String name() {
        return "honor";
    }

    @Override
    public PushProvider create(PluginConfig config, PluginContext context) {
        return new HonorPushProvider(HonorConfig.from(config), context.clock());
    }
}
