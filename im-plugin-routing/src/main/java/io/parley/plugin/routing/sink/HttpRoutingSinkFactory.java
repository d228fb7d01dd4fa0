package io.parley.plugin.routing.sink;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.routing.spi.RoutingConfig;
import io.parley.plugin.routing.spi.RoutingSink;
import io.parley.plugin.routing.spi.RoutingSinkFactory;

/**
 * Makes the {@code http} sink (the default) from {@code routing.url}, {@code routing.presence-url},
 * {@code routing.timeout} and {@code routing.batch-size}, signing with the app's key and secret as the kernel
 * gives them ({@link PluginContext#appKey()}, {@link PluginContext#appSecret()}). Called once at startup; opens no
 * connection until the first delivery.
 */
public final class HttpRoutingSinkFactory implements RoutingSinkFactory {

    @Override
    public String name() {
        return "http";
    }

    @Override
    public RoutingSink create(PluginConfig config, PluginContext context) {
        RoutingConfig routing = RoutingConfig.read(config);
        CallbackSigner signer = new CallbackSigner(context.appKey(), context.appSecret(), context.clock());
        return new HttpRoutingSink(routing.url(), routing.presenceUrl(), routing.timeout(), routing.batchSize() > 1,
                signer);
    }
}
