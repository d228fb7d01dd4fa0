package io.parley.kernel.statistics;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.parley.api.cluster.ClusterProvider;
import io.parley.kernel.cluster.ClusterSettings;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.session.SessionObserver;
import jakarta.inject.Singleton;

/**
 * The kept statistics: the recorder observes the sessions, {@code /statistics/query.json} reads the store, and the
 * flusher (a lifecycle service, which the server registers) writes them under this node's name. Binds only.
 */
public final class StatisticsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SessionObserver.class).to(StatisticsRecorder.class);
        Multibinder.newSetBinder(binder(), KernelRoutes.class).addBinding().to(StatisticsApi.class);
    }

    @Provides
    @Singleton
    StatisticsNode statisticsNode(TrackedConfig config, ClusterProvider cluster, ClusterSettings settings) {
        return StatisticsNode.of(config, cluster.distributed(), settings.nodeId());
    }

    @Provides
    @Singleton
    StatisticsConfig statisticsConfig(TrackedConfig config) {
        return StatisticsConfig.read(config);
    }
}
