package io.parley.plugin.push;

import io.parley.api.event.ImEventListener;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiRoute;
import io.parley.api.storage.MetadataStore;
import io.parley.plugin.push.api.PushApi;
import io.parley.plugin.push.api.QuietHoursApi;
import io.parley.plugin.push.api.UserTagStore;
import io.parley.plugin.push.api.UserTagApi;
import io.parley.plugin.push.config.PushConfig;
import io.parley.plugin.push.device.DeviceTokenStore;
import io.parley.plugin.push.device.PushTokenCommands;
import io.parley.plugin.push.dispatch.OfflinePushListener;
import io.parley.plugin.push.dispatch.PushMetrics;
import io.parley.plugin.push.dispatch.PushPolicy;
import io.parley.plugin.push.dispatch.PushQueue;
import io.parley.plugin.push.dispatch.PushStats;
import io.parley.plugin.push.dispatch.QuietHoursStore;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushProviderFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The push plugin's objects for one server: the enabled vendor adapters, the token store, the durable queue
 * (resumed here, so jobs left by the last run go out again), the offline-push listener, the client commands
 * and the server-API routes.
 */
final class PushRuntime implements PluginInstance {
    private final PushConfig config;
    private final PushQueue queue;
    private final Map<String, PushProvider> providers = new LinkedHashMap<>();
    private final List<ImEventListener> listeners;
    private final List<ClientCommand> commands;
    private final List<ServerApiRoute> routes;

    PushRuntime(PluginContext context, List<PushProviderFactory> factories) {
        Map<String, PushProviderFactory> byName = factories.stream()
                .collect(Collectors.toMap(PushProviderFactory::name, f -> f, (a, b) -> a, LinkedHashMap::new));
        this.config = PushConfig.from(context.config(), byName.keySet());
        for (String vendor : config.vendors()) {
            PushProvider provider = byName.get(vendor).create(context.config().subset(vendor), context);
            providers.put(vendor, provider);
        }
        MetadataStore metadata = context.storage().metadata();
        DeviceTokenStore tokens = new DeviceTokenStore(metadata);
        PushMetrics metrics = new PushMetrics(context.metrics());
        PushStats stats = new PushStats(metadata);
        this.queue = new PushQueue(metadata, providers, tokens, stats, metrics, context.scheduler(),
                context.clock(), config.retry(), config.maxInFlight());
        context.metrics().describe("im.push.queue.size", "Pushes queued for sending or retry")
                .gauge("im.push.queue.size", queue::size);
        QuietHoursStore quietHours = new QuietHoursStore(metadata);
        this.listeners = List.of(new OfflinePushListener(new PushPolicy(quietHours, config.zone()), tokens,
                config.templates(), queue, metrics, context.clock(), config.ttl()));
        this.commands = new PushTokenCommands(tokens, config.vendors(), context.clock()).commands();
        UserTagStore tags = new UserTagStore(metadata);
        List<ServerApiRoute> all = new ArrayList<>();
        all.addAll(new PushApi(tokens, tags, queue, stats, config, context.clock()).routes());
        all.addAll(new UserTagApi(tags).routes());
        all.addAll(new QuietHoursApi(quietHours).routes());
        this.routes = List.copyOf(all);
    }

    /** Sends again the jobs the last run left in the queue. */
    @Override
    public void start() {
        queue.resume();
    }

    /** Closes the vendors' clients, last opened first. */
    @Override
    public void close() {
        List<PushProvider> open = new ArrayList<>(providers.values());
        java.util.Collections.reverse(open);
        for (PushProvider provider : open) {
            try {
                provider.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(PushRuntime.class).warn("closing a push provider failed", e);
            }
        }
    }

    @Override
    public List<ImEventListener> listeners() {
        return listeners;
    }

    @Override
    public List<ClientCommand> clientCommands() {
        return commands;
    }

    @Override
    public List<ServerApiRoute> serverApiRoutes() {
        return routes;
    }
}
