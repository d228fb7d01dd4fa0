package io.parley.kernel.system;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.parley.api.plugin.BusinessType;
import io.parley.kernel.feature.KernelRoutes;

/** System conversations and broadcasts: the {@code system} business type and its server API. Binds only. */
public final class SystemModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), BusinessType.class).addBinding().to(SystemBusinessType.class);
        Multibinder.newSetBinder(binder(), KernelRoutes.class).addBinding().to(SystemMessageApi.class);
    }
}
