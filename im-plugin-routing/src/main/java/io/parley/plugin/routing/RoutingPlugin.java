package io.parley.plugin.routing;

import io.parley.api.event.ImEventListener;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.route.ServerApiRoute;
import java.util.List;
import java.util.Optional;

/**
 * The routing plugin: full message routing (RongCloud §7.2) and the online-status webhook (§7.4) to the
 * integrator's app server, through a durable MapDB outbox with at-least-once, per-conversation-ordered
 * delivery, retries with backoff, and a dead-letter store with a replay API. Configured by {@code routing.*}
 * (see {@code docs/plugins/routing.md}).
 *
 * <p>Holds no state: its getters are called by the kernel once per start, on the starting thread. The
 * first of {@link #listeners} and {@link #serverApiRoutes} opens the outbox and starts the delivery threads
 * (see {@link RoutingRuntime} for why it is done there); nothing is opened when the chosen sink takes no
 * kind of event (the default {@code http} sink with neither {@code routing.url} nor
 * {@code routing.presence-url}) or when {@code routing.enabled} is false.
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

    @Override
    public List<ImEventListener> listeners(PluginContext context) {
        return runtime(context).<List<ImEventListener>>map(runtime -> List.of(runtime.listener())).orElse(List.of());
    }

    @Override
    public List<ServerApiRoute> serverApiRoutes(PluginContext context) {
        return runtime(context).<List<ServerApiRoute>>map(runtime -> List.of(
                new DeadLetterQueryRoute(runtime.outbox()), new DeadLetterReplayRoute(runtime.outbox())))
                .orElse(List.of());
    }

    private static Optional<RoutingRuntime> runtime(PluginContext context) {
        RoutingConfig config = RoutingConfig.read(context.config());
        if (!config.enabled()) {
            // every key counts as used, so that switching routing off never fails startup
            context.config().keys().forEach(key -> context.config().get(key));
            return Optional.empty();
        }
        return RoutingRuntime.forContext(context, config);
    }
}
