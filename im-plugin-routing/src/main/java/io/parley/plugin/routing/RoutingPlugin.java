package io.parley.plugin.routing;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.plugin.ProviderFactory;
import io.parley.plugin.routing.spi.RoutingConfig;
import java.util.List;

/**
 * The routing plugin: full message routing (RongCloud §7.2) and the online-status webhook (§7.4) to the
 * integrator's app server, through a durable MapDB outbox with at-least-once, per-conversation-ordered
 * delivery, retries with backoff, and a dead-letter store with a replay API. Configured by {@code routing.*}
 * (see {@code docs/plugins/routing.md}).
 *
 * <p>Its instance, a {@link RoutingRuntime}, opens the outbox, and starts the delivery threads when the server
 * starts; nothing is opened when the chosen sink takes no kind of event (the default {@code http} sink with neither
 * {@code routing.url} nor {@code routing.presence-url}) or when {@code routing.enabled} is false.
 */
public final class RoutingPlugin implements ImPlugin {

    /** Also the prefix of this plugin's config keys ({@code routing.*}). */
    @Override
    public String name() {
        return "routing";
    }

    /** The built-in sinks, {@code http} and {@code file}, as providers of {@code RoutingSink}. */
    @Override
    public List<ProviderFactory<?>> providerFactories() {
        return List.copyOf(RoutingSinks.builtIn());
    }

    /** The routing runtime, or an instance that contributes nothing while routing is off or its sink takes nothing. */
    @Override
    public PluginInstance create(PluginContext context) {
        RoutingConfig config = RoutingConfig.read(context.config());
        if (!config.enabled()) {
            // every key counts as used, so that switching routing off never fails startup
            context.config().keys().forEach(key -> context.config().get(key));
            return new PluginInstance() {
            };
        }
        return RoutingRuntime.open(context, config).<PluginInstance>map(runtime -> runtime)
                .orElseGet(() -> new PluginInstance() {
                });
    }
}
