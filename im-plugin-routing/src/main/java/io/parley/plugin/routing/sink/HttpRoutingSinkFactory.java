package io.parley.plugin.routing.sink;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.routing.RoutingConfig;
import io.parley.plugin.routing.spi.RoutingSink;
import io.parley.plugin.routing.spi.RoutingSinkFactory;

/**
 * Makes the {@code http} sink (the default) from {@code routing.url}, {@code routing.presence-url},
 * {@code routing.timeout} and {@code routing.batch-size}, signing with the root {@code app.key} and
 * {@code app.secret} (the kernel's development defaults when absent). Called once at startup; opens no
 * connection until the first delivery.
 */
public final class HttpRoutingSinkFactory implements RoutingSinkFactory {
    /** The kernel's defaults for an unconfigured development server; a plugin cannot import them. */
    private static final String DEV_APP_KEY = "parley-dev-key";
    private static final String DEV_APP_SECRET = "parley-dev-secret";

    @Override
    public String name() {
        return "http";
    }

    @Override
    public RoutingSink create(PluginConfig config, PluginContext context) {
        RoutingConfig routing = RoutingConfig.read(config);
        CallbackSigner signer = new CallbackSigner(context.rootConfig().get("app.key", DEV_APP_KEY),
                context.rootConfig().get("app.secret", DEV_APP_SECRET), context.clock());
        return new HttpRoutingSink(routing.url(), routing.presenceUrl(), routing.timeout(), routing.batchSize() > 1,
                signer);
    }
}
