package io.parley.kernel.profile;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.parley.kernel.feature.KernelCommands;

/**
 * Profiles for chat UIs: the {@code user.info} and {@code group.info} client commands (names and portraits the app
 * server registered). A package of its own: it reads users, groups and inboxes, which must not read it. Binds
 * only.
 */
public final class ProfileModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), KernelCommands.class).addBinding().to(ProfileCommands.class);
    }
}
