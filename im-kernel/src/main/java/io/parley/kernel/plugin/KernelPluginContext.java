package io.parley.kernel.plugin;

import io.parley.api.event.PushRequested;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginMetrics;
import io.parley.api.storage.StorageProvider;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The kernel's {@link PluginContext}. The publisher and the event bus (for push requests) are looked up lazily, because plugins' contributions are
 * gathered before the write path that uses them is built.
 */
public final class KernelPluginContext implements PluginContext {
    private final PluginConfig config;
    private final PluginConfig rootConfig;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final PluginMetrics metrics;
    private final Supplier<StorageProvider> storage;
    private final Supplier<MessagePublisher> publisher;
    private final OnlineDirectory online;
    private final StopHooks stopHooks;
    private final Supplier<Consumer<PushRequested>> pushRequests;
    private final java.util.Optional<io.parley.api.cluster.SharedRateLimits> sharedRateLimits;
    private final java.util.Optional<io.parley.api.cluster.SharedCounters> sharedCounters;
    private final java.util.function.BiFunction<String, Consumer<byte[]>, java.util.Optional<io.parley.api.cluster.ClusterTopic>> topics;

    public KernelPluginContext(PluginConfig config, PluginConfig rootConfig, Clock clock,
            ScheduledExecutorService scheduler, PluginMetrics metrics, Supplier<StorageProvider> storage,
            Supplier<MessagePublisher> publisher, OnlineDirectory online, StopHooks stopHooks,
            Supplier<Consumer<PushRequested>> pushRequests) {
        this(config, rootConfig, clock, scheduler, metrics, storage, publisher, online, stopHooks, pushRequests,
                java.util.Optional.empty());
    }

    public KernelPluginContext(PluginConfig config, PluginConfig rootConfig, Clock clock,
            ScheduledExecutorService scheduler, PluginMetrics metrics, Supplier<StorageProvider> storage,
            Supplier<MessagePublisher> publisher, OnlineDirectory online, StopHooks stopHooks,
            Supplier<Consumer<PushRequested>> pushRequests,
            java.util.Optional<io.parley.api.cluster.SharedRateLimits> sharedRateLimits) {
        this(config, rootConfig, clock, scheduler, metrics, storage, publisher, online, stopHooks, pushRequests,
                sharedRateLimits, java.util.Optional.empty(), (name, receiver) -> java.util.Optional.empty());
    }

    /** With the cluster's shared rate limits and counters, and plugin topics ({@code ClusterRouter#openTopic}). */
    public KernelPluginContext(PluginConfig config, PluginConfig rootConfig, Clock clock,
            ScheduledExecutorService scheduler, PluginMetrics metrics, Supplier<StorageProvider> storage,
            Supplier<MessagePublisher> publisher, OnlineDirectory online, StopHooks stopHooks,
            Supplier<Consumer<PushRequested>> pushRequests,
            java.util.Optional<io.parley.api.cluster.SharedRateLimits> sharedRateLimits,
            java.util.Optional<io.parley.api.cluster.SharedCounters> sharedCounters,
            java.util.function.BiFunction<String, Consumer<byte[]>, java.util.Optional<io.parley.api.cluster.ClusterTopic>> topics) {
        this.sharedRateLimits = sharedRateLimits;
        this.sharedCounters = sharedCounters;
        this.topics = topics;
        this.config = config;
        this.rootConfig = rootConfig;
        this.clock = clock;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.storage = storage;
        this.publisher = publisher;
        this.online = online;
        this.stopHooks = stopHooks;
        this.pushRequests = pushRequests;
    }

    /** Same services, another plugin's config subtree. */
    public KernelPluginContext withConfig(PluginConfig pluginConfig) {
        return new KernelPluginContext(pluginConfig, rootConfig, clock, scheduler, metrics, storage, publisher, online,
                stopHooks, pushRequests, sharedRateLimits, sharedCounters, topics);
    }

    @Override
    public java.util.Optional<io.parley.api.cluster.SharedRateLimits> sharedRateLimits() {
        return sharedRateLimits;
    }

    @Override
    public java.util.Optional<io.parley.api.cluster.SharedCounters> sharedCounters() {
        return sharedCounters;
    }

    @Override
    public java.util.Optional<io.parley.api.cluster.ClusterTopic> clusterTopic(String name, Consumer<byte[]> receiver) {
        return topics.apply(name, receiver);
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public PluginConfig rootConfig() {
        return rootConfig;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public PluginMetrics metrics() {
        return metrics;
    }

    @Override
    public StorageProvider storage() {
        return storage.get();
    }

    @Override
    public MessagePublisher publisher() {
        return publisher.get();
    }

    @Override
    public OnlineDirectory online() {
        return online;
    }

    @Override
    public void onStop(AutoCloseable resource) {
        stopHooks.add(resource);
    }

    @Override
    public void requestPush(PushRequested push) {
        pushRequests.get().accept(push);
    }
}
