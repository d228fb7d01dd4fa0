package io.parley.kernel.user;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.parley.api.plugin.ConnectionGuard;

/**
 * Users: deactivation (a kernel connection guard), private-chat bans (shared between nodes by
 * {@link PrivateChatBanSharing}, a lifecycle service), remarks. Their server API is in {@code io.parley.kernel.api}.
 * Binds only.
 */
public final class UserModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ConnectionGuard.class).addBinding().to(DeactivatedUserGuard.class);
    }
}
