package io.parley.plugin.push.vendor.oppo;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushProviderFactory;

/** Makes the OPPO (OnePlus, realme) OPUSH adapter, named {@code oppo}. */
public final class OppoPushProviderFactory implements PushProviderFactory {
    @Override
    public String name() {
        return "oppo";
    }

    @Override
    public PushProvider create(PluginConfig config, PluginContext context) {
        return new OppoPushProvider(OppoConfig.from(config), context.clock());
    }
}
