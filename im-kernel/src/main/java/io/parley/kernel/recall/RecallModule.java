package io.parley.kernel.recall;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.message.KernelSteps;
import jakarta.inject.Singleton;

/** Recall: the step that checks and marks every {@code RC:RcCmd}, and {@code /message/recall.json}. Binds only. */
public final class RecallModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), KernelRoutes.class).addBinding().to(RecallApi.class);
        Multibinder.newSetBinder(binder(), MessageInterceptor.class, KernelSteps.class).addBinding()
                .to(RecallInterceptor.class);
    }

    @Provides
    @Singleton
    RecallConfig recallConfig(TrackedConfig config) {
        return RecallConfig.read(config);
    }
}
