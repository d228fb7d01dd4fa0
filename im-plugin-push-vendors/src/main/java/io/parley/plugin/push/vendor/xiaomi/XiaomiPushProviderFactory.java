package io.parley.plugin.push.vendor.xiaomi;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushProviderFactory;

/** Makes the Xiaomi MiPush adapter, named {@code xiaomi}. */
public final class XiaomiPushProviderFactory implements PushProviderFactory {
    @Override
    public String name() {
        return "xiaomi";
    }

    @Override
    public PushProvider create(PluginConfig config, PluginContext context) {
        return new XiaomiPushProvider(XiaomiConfig.from(config));
    }
}
