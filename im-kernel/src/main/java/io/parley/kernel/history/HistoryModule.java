package io.parley.kernel.history;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.parley.api.route.ClientCommand;
import io.parley.kernel.config.TrackedConfig;
import jakarta.inject.Singleton;

/**
 * History: the {@code history.query} client command and the hourly archive. Its server API
 * ({@link HistoryApi}) needs the HTTP port for its links, so the kernel's root module contributes it. Binds only.
 */
public final class HistoryModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ClientCommand.class).addBinding().to(HistoryQueryCommand.class);
    }

    @Provides
    @Singleton
    HistoryConfig historyConfig(TrackedConfig config) {
        return HistoryConfig.from(config);
    }
}
