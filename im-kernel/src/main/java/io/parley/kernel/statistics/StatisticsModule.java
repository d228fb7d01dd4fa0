package io.parley.kernel.statistics;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.session.SessionObserver;
import jakarta.inject.Singleton;


/**
 * The kept statistics: the recorder observes the sessions, {@code /statistics/query.json} reads the store. The
 * flusher is a lifecycle service, made and registered by the server. Binds only.
 */
public final class StatisticsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SessionObserver.class).to(StatisticsRecorder.class);
        Multibinder.newSetBinder(binder(), KernelRoutes.class).addBinding().to(StatisticsApi.class);
    }

    @Provides
    @Singleton
    StatisticsConfig statisticsConfig(TrackedConfig config) {
        return StatisticsConfig.read(config);
    }
}
