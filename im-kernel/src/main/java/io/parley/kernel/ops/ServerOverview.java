package io.parley.kernel.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.cluster.ClusterProvider;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.cluster.ClusterSettings;
import io.parley.kernel.config.EffectiveConfigPrinter;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.lifecycle.Readiness;
import io.parley.kernel.session.Session;
import io.parley.kernel.session.SessionRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an operator console shows of the running kernel, read on demand: who is online on which devices, the
 * plugins and their state, the storage and cluster providers installed and which of each is in use, the traffic
 * counters, and the effective configuration (every key read, its value and source) with secrets masked.
 * Thread-safe; every method reads live state.
 */
@Singleton
public final class ServerOverview {
    /** The kinds of provider the server uses exactly one of, as the overview names them. */
    private static final Map<Class<?>, String> KINDS = Map.of(StorageProvider.class, "storage", ClusterProvider.class,
            "cluster");

    private final SessionRegistry sessions;
    private final List<ImPlugin> plugins;
    private final MeterRegistry registry;
    private final TrackedConfig config;
    private final Readiness readiness;
    private final Map<Class<?>, String> selected;

    /** The server's overview: the storage and cluster providers as configured. */
    @Inject
    public ServerOverview(SessionRegistry sessions, List<ImPlugin> plugins, MeterRegistry registry, TrackedConfig config,
            Readiness readiness, KernelConfig kernel, ClusterSettings cluster) {
        this(sessions, plugins, registry, config, readiness, Map.of(StorageProvider.class, kernel.storageProvider(),
                ClusterProvider.class, cluster.provider()));
    }

    /**
     * @param selected the provider in use of each kind that is chosen once for the server: {@link StorageProvider}
     *     ({@code storage.provider}) and {@link ClusterProvider} ({@code cluster.provider}), by provider name
     */
    public ServerOverview(SessionRegistry sessions, List<ImPlugin> plugins, MeterRegistry registry, TrackedConfig config,
            Readiness readiness, Map<Class<?>, String> selected) {
        this.sessions = sessions;
        this.plugins = List.copyOf(plugins);
        this.registry = registry;
        this.config = config;
        this.readiness = readiness;
        this.selected = Map.copyOf(selected);
    }

    /** An installed storage or cluster provider, the plugin that brings it, and whether it is the one in use. */
    public record Provider(String kind, String name, String plugin, boolean selected) {
    }

    /** One connected device. */
    public record Connection(String userId, String deviceId, String platform, String clientIp, String wireFormat) {
    }

    /** A loaded plugin, its state, and how often its listeners failed or dropped events. */
    public record PluginState(String name, String className, String state, long listenerErrors, long listenerDrops) {
    }

    public List<Connection> connections() {
        List<Connection> all = new ArrayList<>();
        for (String userId : sessions.onlineUserIds()) {
            for (Session session : sessions.sessions(userId)) {
                all.add(new Connection(session.userId(), session.deviceId(), session.platform().name(),
                        session.clientIp(), session.wireFormat().name()));
            }
        }
        all.sort(java.util.Comparator.comparing(Connection::userId).thenComparing(Connection::deviceId));
        return all;
    }

    /** The devices a user has connected to this node, with platform, address and when each connected. */
    public List<io.parley.api.plugin.OnlineDirectory.OnlineDevice> devices(String userId) {
        return sessions.devices(userId);
    }

    public int onlineUsers() {
        return sessions.onlineUserIds().size();
    }

    public int connectionCount() {
        return sessions.connectionCount();
    }

    public boolean ready() {
        return readiness.isReady();
    }

    /**
     * The loaded plugins. The kernel gathers their contributions at startup and fails the start if one throws,
     * so a listed plugin is {@code active} while the server is ready and {@code stopped} otherwise; except a plugin
     * that brings nothing but storage or cluster providers none of which is in use (PostgreSQL storage, the Redis
     * cluster, while the embedded store and the local cluster are): it is {@code not in use}.
     */
    public List<PluginState> plugins() {
        boolean ready = readiness.isReady();
        List<PluginState> states = new ArrayList<>();
        for (ImPlugin plugin : plugins) {
            String state = !ready ? "stopped" : unusedProvidersOnly(plugin) ? "not in use" : "active";
            states.add(new PluginState(plugin.name(), plugin.getClass().getName(), state,
                    listenerCount("im.listener.errors", plugin), listenerCount("im.listener.dropped", plugin)));
        }
        return states;
    }

    /** The storage and cluster providers installed, by kind then name, each marked whether it is the one in use. */
    public List<Provider> providers() {
        List<Provider> providers = new ArrayList<>();
        for (ImPlugin plugin : plugins) {
            for (ProviderFactory<?> factory : plugin.providerFactories()) {
                String kind = KINDS.get(factory.providerType());
                if (kind != null) {
                    providers.add(new Provider(kind, factory.name(), plugin.name(),
                            factory.name().equals(selected.get(factory.providerType()))));
                }
            }
        }
        providers.sort(java.util.Comparator.comparing(Provider::kind).thenComparing(Provider::name));
        return providers;
    }

    /**
     * Whether the plugin brings only storage or cluster providers, none of them in use: no message types, no other
     * providers, and no instance of its own ({@link ImPlugin#create} not overridden).
     */
    private boolean unusedProvidersOnly(ImPlugin plugin) {
        List<ProviderFactory<?>> factories = plugin.providerFactories();
        if (factories.isEmpty() || !plugin.messageTypes().isEmpty()) {
            return false;
        }
        for (ProviderFactory<?> factory : factories) {
            if (!KINDS.containsKey(factory.providerType())
                    || factory.name().equals(selected.get(factory.providerType()))) {
                return false;
            }
        }
        try {
            return plugin.getClass().getMethod("create", PluginContext.class).getDeclaringClass() == ImPlugin.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private long listenerCount(String meter, ImPlugin plugin) {
        double total = 0;
        // listener names carry their plugin's name as a prefix (chatroom.presence, routing.webhooks)
        for (Counter counter : registry.find(meter).counters()) {
            String listener = counter.getId().getTag("listener");
            if (listener != null && (listener.equals(plugin.name()) || listener.startsWith(plugin.name() + "."))) {
                total += counter.count();
            }
        }
        return (long) total;
    }

    /** Messages committed since start ({@code im.messages.committed}). */
    public long messagesCommitted() {
        return (long) counterTotal("im.messages.committed");
    }

    /** Messages written to devices since start: DELIVER frames ({@code im.frames.out{command=DELIVER}}). */
    public long deliveries() {
        Counter deliver = registry.find("im.frames.out").tag("command", "DELIVER").counter();
        return deliver == null ? 0 : (long) deliver.count();
    }

    private double counterTotal(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /**
     * The effective configuration, key by key, sorted: every key read, its value in force (secrets masked) and where
     * it came from; what the startup log printed.
     */
    public List<EffectiveConfigPrinter.Entry> effectiveConfig() {
        return EffectiveConfigPrinter.entries(config);
    }
}
