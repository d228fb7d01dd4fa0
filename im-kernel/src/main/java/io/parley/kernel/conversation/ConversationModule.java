package io.parley.kernel.conversation;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.kernel.feature.KernelCommands;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.message.KernelSteps;

/**
 * Conversations: the conversation list and its state (pin, do-not-disturb, read position), their client commands and
 * server API, and the read-sync step. Binds; builds and opens nothing.
 */
public final class ConversationModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), KernelRoutes.class).addBinding().to(ConversationApi.class);
        Multibinder.newSetBinder(binder(), KernelCommands.class).addBinding().to(ConversationCommands.class);
        Multibinder.newSetBinder(binder(), MessageInterceptor.class, KernelSteps.class).addBinding()
                .to(ReadSyncInterceptor.class);
    }
}
