package io.parley.kernel;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.api.cluster.ClusterProvider;
import io.parley.api.error.ImException;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.cluster.ClusterRouter;
import io.parley.kernel.cluster.ClusterSettings;
import io.parley.kernel.config.ConfigSources;
import io.parley.kernel.config.ConfigValidator;
import io.parley.kernel.config.EffectiveConfigPrinter;
import io.parley.kernel.config.KernelConfig;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.dispatch.StripedExecutor;
import io.parley.kernel.dispatch.WorkerPool;
import io.parley.kernel.event.EventBus;
import io.parley.kernel.http.HttpEndpoints;
import io.parley.kernel.lifecycle.LifecycleManager;
import io.parley.kernel.lifecycle.Readiness;
import io.parley.kernel.health.HealthMonitor;
import io.parley.kernel.lifecycle.Service;
import io.parley.kernel.message.InterceptorChain;
import io.parley.kernel.message.RetentionSweeper;
import io.parley.kernel.statistics.StatisticsFlusher;
import io.parley.kernel.metrics.MicrometerPluginMetrics;
import io.parley.kernel.plugin.BuiltIns;
import io.parley.kernel.plugin.KernelPluginContext;
import io.parley.kernel.plugin.PluginFolder;
import io.parley.kernel.plugin.PluginInstances;
import io.parley.kernel.plugin.StopHooks;
import io.parley.kernel.plugin.PluginManager;
import io.parley.kernel.plugin.ProviderSelector;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.transport.HttpTransport;
import io.parley.kernel.transport.NettyGroups;
import io.parley.kernel.transport.TransportContext;
import io.parley.kernel.transport.TcpTransport;
import io.parley.kernel.user.PrivateChatBanSharing;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Parley server: made by {@link Parley#builder()}, started and stopped by its host. {@link #start()} loads
 * config and plugins (from the class path, the plugins folder and the builder), opens storage, wires the kernel
 * and starts its services in dependency order; a failure half-way stops what had started and closes storage.
 * {@link #stop()} stops everything in reverse.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);

    private final Parley.Builder builder;
    private final LifecycleManager lifecycle = new LifecycleManager();
    private KernelConfig config;
    private Injector injector;
    private PrometheusMeterRegistry registry;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    ParleyServer(Parley.Builder builder) {
        this.builder = builder;
    }

    public synchronized ParleyServer start() {
        if (injector != null) {
            throw new IllegalStateException("already started");
        }
        ConfigSources sources = builder.isolated
                ? ConfigSources.load(builder.config, builder.configFile, Map.of(), new java.util.Properties())
                : ConfigSources.load(builder.config, builder.configFile, System.getenv(), System.getProperties());
        TrackedConfig root = TrackedConfig.of(sources);
        config = KernelConfig.read(root);
        PluginFolder pluginFolder = PluginFolder.open(root,
                builder.isolated ? Optional.empty() : Optional.of(PluginFolder.DEFAULT_DIR));
        // the plugins folder's class loaders close last, after everything their classes may run in
        lifecycle.adopt(Service.closing("plugin-folder", pluginFolder::close));
        try {
            startWith(root, pluginFolder);
        } catch (RuntimeException e) {
            // what had opened or started closes in reverse, whichever step failed
            abandonStart();
            throw startupFailure(e);
        } catch (Error e) {
            abandonStart();
            throw e;
        }
        Readiness readiness = injector.getInstance(Readiness.class);
        // storage failing or busy and the pipeline's bound are health checks: /health/ready reads the HealthMonitor
        injector.getInstance(HealthMonitor.class).start(injector.getInstance(ScheduledExecutorService.class));
        readiness.set(true);
        log.info("Parley started: server API and WebSocket on port {}, TCP on port {}, app key {}", httpPort(),
                tcpPort(), config.appKey());
        return this;
    }

    private void abandonStart() {
        lifecycle.stopAll();
        injector = null;
    }

    /**
     * Opens storage and the cluster, wires the kernel and starts its services; each resource is adopted by the
     * lifecycle as it opens, so that a failure at any step closes exactly what had opened.
     */
    private void startWith(TrackedConfig root, PluginFolder pluginFolder) {
        List<ImPlugin> plugins = PluginManager.load(BuiltIns.select(root), builder.discoverPlugins,
                pluginFolder.plugins(), builder.plugins, Thread.currentThread().getContextClassLoader());
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindJvmMetrics(registry);
        StorageProvider storage = openStorage(root, plugins);
        lifecycle.adopt(Service.closing("storage", storage::close));
        ClusterSettings clusterSettings = ClusterSettings.read(root);
        ClusterProvider cluster = openCluster(root, plugins, clusterSettings);
        lifecycle.adopt(Service.closing("cluster", () -> {
            if (injector != null) {
                injector.getInstance(ClusterRouter.class).close();
            }
            cluster.close();
        }));
        // plugins' resources close once their listeners have drained (the executors, below), before the cluster
        StopHooks stopHooks = new StopHooks();
        lifecycle.adopt(stopHooks);
        injector = Guice.createInjector(Stage.PRODUCTION,
                new KernelModule(config, root, plugins, storage, cluster, clusterSettings, registry, builder.clock,
                        stopHooks));
        lifecycle.adopt(Service.closing("executors", this::closeExecutors));
        Duration sweepInterval = root.getDuration("retention.sweep-interval", Duration.ofHours(1));
        mountHttpEndpoints(root);
        ConfigValidator.checkAllUsed(root);
        log.info("effective configuration:{}", EffectiveConfigPrinter.render(root));
        if (config.devSecret()) {
            log.warn("app.secret is the development default; set PARLEY_APP_SECRET before going to production");
        }
        registerServices(storage, sweepInterval);
        injector.getInstance(ClusterRouter.class).join();
        lifecycle.startAll();
    }

    /**
     * What a failed start throws: the {@link ImException} a plugin or the kernel threw while the injector was built
     * (naming the plugin, with its message) rather than Guice's report around it; anything else as it is.
     */
    static RuntimeException startupFailure(RuntimeException e) {
        Collection<Message> errors = e instanceof CreationException creation ? creation.getErrorMessages()
                : e instanceof ProvisionException provision ? provision.getErrorMessages() : List.of();
        for (Message error : errors) {
            for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ImException imException) {
                    return imException;
                }
            }
        }
        return e;
    }

    /** Heap, direct buffers, threads, GC and CPU beside Parley's own meters, for operators and benchmarks. */
    private static void bindJvmMetrics(PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    private StorageProvider openStorage(TrackedConfig root, List<ImPlugin> plugins) {
        ProviderFactory<StorageProvider> factory = ProviderSelector.select(StorageProvider.class, plugins,
                Optional.of(config.storageProvider()), "storage.provider");
        TrackedConfig subtree = root.subset("storage." + factory.name());
        StorageProvider storage = factory.create(subtree, bootstrapContext(subtree, root, "storage providers"));
        log.info("storage provider {} open, capabilities {}", factory.name(), storage.capabilities());
        return storage;
    }

    /** The cluster provider named by {@code cluster.provider} ({@code local} unless set), with its own subtree. */
    private ClusterProvider openCluster(TrackedConfig root, List<ImPlugin> plugins, ClusterSettings settings) {
        ProviderFactory<ClusterProvider> factory = ProviderSelector.select(ClusterProvider.class, plugins,
                Optional.of(settings.provider()), "cluster.provider");
        TrackedConfig subtree = root.subset("cluster." + factory.name());
        ClusterProvider cluster = factory.create(subtree, bootstrapContext(subtree, root, "cluster providers"));
        log.info("cluster provider {} open as node {}", factory.name(), settings.nodeId());
        return cluster;
    }

    private KernelPluginContext bootstrapContext(TrackedConfig subtree, TrackedConfig root, String who) {
        return KernelPluginContext.bootstrap(subtree, root, builder.clock, new MicrometerPluginMetrics(registry), who);
    }

    /**
     * The services, in the order they start (after what each names in {@code dependsOn}) and stop in reverse: an
     * explicit list rather than a multibinder, whose order Guice does not promise. The graph builds them; the
     * retention sweeper is made here, as it joins the storage's retention with the plugins' (the broadcast log's).
     */
    private void registerServices(StorageProvider storage, Duration sweepInterval) {
        // the threads that event loops hand work to exist before the first connection: an event loop never starts one
        lifecycle.register(Service.starting("executor-threads", () -> {
            injector.getInstance(WorkerPool.class).prestart();
            injector.getInstance(StripedExecutor.class).prestart();
        }));
        lifecycle.register(injector.getInstance(PrivateChatBanSharing.class));
        lifecycle.register(injector.getInstance(PluginInstances.class));
        lifecycle.register(injector.getInstance(NettyGroups.class));
        injector.getInstance(TransportContext.class).tls().ifPresent(lifecycle::register);
        lifecycle.register(injector.getInstance(TcpTransport.class));
        lifecycle.register(injector.getInstance(HttpTransport.class));
        lifecycle.register(new RetentionSweeper(storage, injector.getInstance(ScheduledExecutorService.class),
                builder.clock, config.retention(), sweepInterval,
                injector.getInstance(PluginInstances.class)::retentionSwept));
        lifecycle.register(injector.getInstance(StatisticsFlusher.class));
    }

    private void closeExecutors() {
        injector.getInstance(ScheduledExecutorService.class).shutdownNow();
        injector.getInstance(StripedExecutor.class).close();
        injector.getInstance(WorkerPool.class).close();
        injector.getInstance(InterceptorChain.class).close();
        injector.getInstance(EventBus.class).close();
    }

    /** Lets the embedder's factories mount their endpoints, before the HTTP port opens. */
    private void mountHttpEndpoints(TrackedConfig root) {
        HttpEndpoints endpoints = injector.getInstance(HttpEndpoints.class);
        for (HttpEndpointFactory factory : builder.httpEndpoints) {
            factory.create(this, root).forEach(endpoints::mount);
        }
    }

    public synchronized void stop() {
        if (injector != null) {
            injector.getInstance(Readiness.class).set(false);
        }
        lifecycle.stopAll();
        injector = null;
        stopped.countDown();
        log.info("Parley stopped");
    }

    /** Blocks until {@link #stop()} has run. The server's own threads are daemons, so a main thread waits here. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }

    public int httpPort() {
        return injector.getInstance(HttpTransport.class).port();
    }

    public int tcpPort() {
        return injector.getInstance(TcpTransport.class).port();
    }

    /** Whether both ports speak TLS ({@code tls.cert-file}). */
    public boolean tls() {
        return injector.getInstance(TransportContext.class).tls().isPresent();
    }

    public String appKey() {
        return config.appKey();
    }

    public String appSecret() {
        return config.appSecret();
    }

    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    public SessionRegistry sessions() {
        return injector.getInstance(SessionRegistry.class);
    }

    /** A kernel object by type, for tests and tools inside the project. Plugins use their PluginContext instead. */
    public <T> T kernelObject(Class<T> type) {
        return injector.getInstance(type);
    }
}
