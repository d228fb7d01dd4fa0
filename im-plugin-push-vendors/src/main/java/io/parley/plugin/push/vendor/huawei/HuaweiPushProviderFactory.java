package io.parley.plugin.push.vendor.huawei;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushProviderFactory;

/** Makes the Huawei Push Kit adapter, named {@code huawei}. */
public final class HuaweiPushProviderFactory implements PushProviderFactory {
    @Override
    public String name() {
        return "huawei";
    }

    @Override
    public PushProvider create(PluginConfig config, PluginContext context) {
        return new HuaweiPushProvider(HuaweiConfig.from(config), context.clock());
    }
}
