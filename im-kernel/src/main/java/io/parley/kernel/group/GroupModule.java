package io.parley.kernel.group;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.parley.api.plugin.BusinessType;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.feature.KernelRoutes;
import jakarta.inject.Singleton;

/**
 * Groups: the {@code group} business type and the {@code /group/...} server API. Binds; builds and opens nothing.
 */
public final class GroupModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), BusinessType.class).addBinding().to(GroupBusinessType.class);
        Multibinder<KernelRoutes> routes = Multibinder.newSetBinder(binder(), KernelRoutes.class);
        routes.addBinding().to(GroupApi.class);
        routes.addBinding().to(GroupMuteApi.class);
        routes.addBinding().to(GroupRemarkApi.class);
        routes.addBinding().to(GroupMessageApi.class);
    }

    @Provides
    @Singleton
    GroupSettings groupSettings(TrackedConfig config) {
        return GroupSettings.read(config);
    }
}
