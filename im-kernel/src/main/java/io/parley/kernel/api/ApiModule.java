package io.parley.kernel.api;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.parley.kernel.feature.KernelRoutes;

/** The kernel's own server API for users and discussions ({@code /user/...}, {@code /message/discussion/...}). */
public final class ApiModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder<KernelRoutes> routes = Multibinder.newSetBinder(binder(), KernelRoutes.class);
        routes.addBinding().to(UserApi.class);
        routes.addBinding().to(UserDeactivationApi.class);
        routes.addBinding().to(UserChatBanApi.class);
        routes.addBinding().to(UserRemarkApi.class);
        routes.addBinding().to(DiscussionApi.class);
    }
}
