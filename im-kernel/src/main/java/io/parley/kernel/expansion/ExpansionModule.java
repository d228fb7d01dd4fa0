package io.parley.kernel.expansion;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.parley.kernel.feature.KernelCommands;
import io.parley.kernel.feature.KernelRoutes;

/** Message expansion: its client commands and server API. Binds only. */
public final class ExpansionModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), KernelRoutes.class).addBinding().to(ExpansionApi.class);
        Multibinder.newSetBinder(binder(), KernelCommands.class).addBinding().to(ExpansionCommands.class);
    }
}
