package io.parley.plugin.push.vendor.vivo;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushProviderFactory;

/** Makes the vivo push adapter, named {@code vivo}. */
public final class VivoPushProviderFactory implements PushProviderFactory {
    @Override
    public String name() {
        return "vivo";
    }

    @Override
    public PushProvider create(PluginConfig config, PluginContext context) {
        return new VivoPushProvider(VivoConfig.from(config), context.clock());
    }
}
