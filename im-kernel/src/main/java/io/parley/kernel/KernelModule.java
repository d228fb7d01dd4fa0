package io.parley.kernel;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.api.cluster.ClusterProvider;
import io.parley.api.cluster.SessionDirectory;
import io.parley.api.cluster.SharedOnceKeys;
import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.route.ClientCommand;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.MetadataStore;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.api.ApiModule;
import io.parley.kernel.cluster.ClusterOnlineDirectory;
import io.parley.kernel.cluster.ClusterRouter;
import io.parley.kernel.cluster.ClusterSettings;
import io.parley.kernel.cluster.LocalOnceKeys;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.config.MultiDevicePolicies;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.dispatch.StripedExecutor;
import io.parley.kernel.dispatch.WorkerPool;
import io.parley.kernel.event.EventBus;
import io.parley.kernel.feature.KernelCommands;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.health.HealthThresholds;
import io.parley.kernel.access.ConversationAccess;
import io.parley.kernel.access.PluginConversations;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.message.MessagePipeline;
import io.parley.kernel.message.MessageViews;
import io.parley.kernel.message.MessagingModule;
import io.parley.kernel.metrics.Meters;
import io.parley.kernel.metrics.MicrometerPluginMetrics;
import io.parley.kernel.ops.ServerOverview;
import io.parley.kernel.plugin.KernelPluginContext;
import io.parley.kernel.plugin.PluginContributions;
import io.parley.kernel.plugin.PluginInstances;
import io.parley.kernel.plugin.StopHooks;
import io.parley.kernel.profile.ProfileModule;
import io.parley.kernel.push.PushAliases;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.statistics.StatisticsModule;
import io.parley.kernel.transport.HttpTransport;
import io.parley.kernel.transport.TcpTransport;
import io.parley.kernel.transport.TransportModule;
import io.parley.kernel.user.UserModule;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's object graph, built by constructor injection. This module binds what the server made before the graph
 * (config, the open storage and cluster providers, the meter registry, the clock, the stop hooks, the loaded plugins),
 * declares the sets the features contribute to (server-API routes, client commands, business types, connection
 * guards, the kernel's interceptor steps) and installs one module per feature, each in its feature's package. Its
 * providers make only what injection cannot: objects taken from the storage and cluster providers, the executors, the
 * plugins' instances and contributions, and config readings. It starts no thread and opens no file (storage and the
 * cluster arrive open; services start in {@link ParleyServer}). Guice stays inside the kernel: plugins see only
 * {@link io.parley.api.plugin.PluginContext}.
 */
final class KernelModule extends AbstractModule {
    private static final Logger log = LoggerFactory.getLogger(KernelModule.class);

    private final KernelConfig config;
    private final TrackedConfig rootConfig;
    private final List<ImPlugin> plugins;
    private final StorageProvider storage;
    private final PrometheusMeterRegistry registry;
    private final Clock clock;

    private final ClusterProvider cluster;
    private final ClusterSettings clusterSettings;

    private final StopHooks stopHooks;
    /** Why creating the plugins' instances failed, once it has: told again rather than creating them again. */
    private RuntimeException pluginsFailed;

    /**
     * @param stopHooks what is closed at stop (the plugins' instances, what they registered); made by the server, so
     *     that it can close what was created even when the injector itself fails to be built
     */
    KernelModule(KernelConfig config, TrackedConfig rootConfig, List<ImPlugin> plugins, StorageProvider storage,
            ClusterProvider cluster, ClusterSettings clusterSettings, PrometheusMeterRegistry registry, Clock clock,
            StopHooks stopHooks) {
        this.stopHooks = stopHooks;
        this.cluster = cluster;
        this.clusterSettings = clusterSettings;
        this.config = config;
        this.rootConfig = rootConfig;
        this.plugins = plugins;
        this.storage = storage;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(KernelConfig.class).toInstance(config);
        bind(TrackedConfig.class).toInstance(rootConfig);
        bind(new TypeLiteral<List<ImPlugin>>() {
        }).toInstance(plugins);
        bind(StorageProvider.class).toInstance(storage);
        bind(ClusterProvider.class).toInstance(cluster);
        bind(ClusterSettings.class).toInstance(clusterSettings);
        bind(PrometheusMeterRegistry.class).toInstance(registry);
        bind(MeterRegistry.class).toInstance(registry);
        bind(Clock.class).toInstance(clock);
        bind(StopHooks.class).toInstance(stopHooks);

        // the sets the features contribute to; each registry takes the kernel's set, then the plugins' contributions
        Multibinder.newSetBinder(binder(), KernelRoutes.class);
        Multibinder.newSetBinder(binder(), KernelCommands.class);
        Multibinder.newSetBinder(binder(), ClientCommand.class);
        Multibinder.newSetBinder(binder(), ConnectionGuard.class);

        install(new MessagingModule());
        install(new TransportModule());
        install(new ApiModule());
        install(new UserModule());
        install(new StatisticsModule());
        install(new ProfileModule());

        // what the server asks the injector for, and no other object needs: built with the graph, as everything else
        bind(TcpTransport.class);
        bind(HttpTransport.class);
        bind(ServerOverview.class);
    }

    @Provides
    @Singleton
    MessageStore messages() {
        return storage.messages();
    }

    @Provides
    @Singleton
    MetadataStore metadata() {
        return storage.metadata();
    }

    /** Where the sessions of other nodes are found: the cluster provider's directory. */
    @Provides
    @Singleton
    SessionDirectory sessionDirectory() {
        return cluster.directory();
    }

    @Provides
    @Singleton
    MultiDevicePolicies multiDevicePolicies() {
        return config.multiDevice();
    }

    @Provides
    @Singleton
    HealthThresholds healthThresholds() {
        return HealthThresholds.read(rootConfig);
    }

    @Provides
    @Singleton
    ScheduledExecutorService scheduler() {
        return Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "parley-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Provides
    @Singleton
    StripedExecutor stripes() {
        return new StripedExecutor(config.stripes(), config.maxQueuedPerStripe(), config.maxWaitingPerConversation());
    }

    @Provides
    @Singleton
    WorkerPool workers() {
        return new WorkerPool(config.workerThreads(), config.workerQueue());
    }

    /** What plugins and kernel services see as "online": this node alone, or every node of the cluster. */
    @Provides
    @Singleton
    OnlineDirectory onlineDirectory(SessionRegistry sessions, ClusterRouter router) {
        return router.distributed() ? new ClusterOnlineDirectory(sessions, router) : sessions;
    }

    /**
     * The plugins' instances, created here once (dependencies first). What their contexts lend that is built after
     * them (the write path, the conversation service) answers once {@link PluginInstances#start()} has begun; before
     * that it throws, telling the plugin to publish from {@code start()} on.
     */
    @Provides
    @Singleton
    PluginInstances pluginInstances(ScheduledExecutorService scheduler, OnlineDirectory sessions,
            Provider<MessagePipeline> pipeline, Provider<BusinessTypeRegistry> businessTypes,
            Provider<ConversationAccess> access, Provider<MessageViews> views,
            Provider<EventBus> events, Provider<PushAliases> aliases, ClusterRouter router,
            Provider<HttpTransport> http) {
        AtomicBoolean wired = new AtomicBoolean();
        Supplier<MessagePipeline> writePath = () -> {
            if (!wired.get()) {
                throw new IllegalStateException("the write path is not built yet: keep the publisher or conversation"
                        + " service and use it from PluginInstance.start() on");
            }
            return pipeline.get();
        };
        KernelPluginContext context = new KernelPluginContext(rootConfig, clock, scheduler,
                new MicrometerPluginMetrics(registry), () -> storage, writePath::get,
                pluginName -> {
                    // the write path first: before start() it throws a plain IllegalStateException, where asking
                    // Guice for the business types would fail on the plugins still being created
                    MessagePipeline notices = writePath.get();
                    PushAliases senderAliases = aliases.get();
                    return new PluginConversations(businessTypes.get(), access.get(), views.get(), notices,
                            pluginName, senderAliases::senderAlias);
                }, sessions,
                stopHooks, () -> events.get()::publish, () -> events.get().hasListeners(), cluster.sharedRateLimits(),
                cluster.sharedCounters(), router::openTopic, () -> httpBaseUrl(http.get()));
        if (pluginsFailed != null) {
            throw pluginsFailed;
        }
        try {
            return PluginInstances.create(plugins, rootConfig, context, stopHooks, () -> wired.set(true));
        } catch (RuntimeException e) {
            // Guice asks again for each binding that needs the instances: a plugin is created once per start
            pluginsFailed = e;
            throw e;
        }
    }

    /**
     * How the HTTP port is reached ({@link io.parley.api.plugin.PluginContext#httpBaseUrl()}): the bind host, or
     * {@code 127.0.0.1} for the wildcard, and the port bound; throws until the transport has bound it.
     */
    private String httpBaseUrl(HttpTransport http) {
        return "http://" + (config.bindHost().equals("0.0.0.0") ? "127.0.0.1" : config.bindHost()) + ":" + http.port();
    }

    @Provides
    @Singleton
    PluginContributions contributions(PluginInstances instances) {
        return instances.contributions();
    }

    @Provides
    @Singleton
    MessageViews messageViews(PluginContributions contributions) {
        return new MessageViews(contributions.messageViews());
    }

    /**
     * Where the server API remembers the nonces it has served: the cluster provider's shared store, else this node's
     * memory, bounded by {@code server-api.max-nonces} (its size is the gauge {@code im.server_api.nonces.remembered}).
     */
    @Provides
    @Singleton
    SharedOnceKeys serverApiNonces() {
        Optional<SharedOnceKeys> shared = cluster.sharedOnceKeys();
        if (shared.isPresent()) {
            return shared.get();
        }
        if (cluster.distributed()) {
            log.warn("the cluster provider shares no nonce store: each node remembers the server-API requests it"
                    + " served, and a request replayed to another node is not recognised");
        }
        LocalOnceKeys local = new LocalOnceKeys(config.maxNonces(), clock);
        Meters.gauge(registry, "im.server_api.nonces.remembered",
                "Signed server-API requests remembered on this node to refuse their replay", local, LocalOnceKeys::size);
        return local;
    }
}
