package io.parley.kernel.push;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.kernel.conversation.ConversationListService;
import io.parley.kernel.conversation.ConversationStates;
import io.parley.kernel.event.EventBus;
import io.parley.kernel.message.OfflinePushes;
import io.parley.kernel.plugin.StopHooks;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Offline pushes: what the write path asks ({@link OfflinePushes}) is answered by {@link OfflinePushRequester}. */
public final class PushModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(OfflinePushes.class).to(OfflinePushRequester.class);
    }

    /**
     * The requester runs its own thread, so it joins the resources closed at stop as soon as it exists, where it
     * has always closed: after the plugins' resources registered since, before those registered while they were made.
     */
    @Provides
    @Singleton
    OfflinePushRequester offlinePushes(ConversationStates states, ConversationListService conversations,
            EventBus events, PushAliases aliases, StopHooks stopHooks, Clock clock, MeterRegistry registry) {
        OfflinePushRequester pushes = new OfflinePushRequester(states, conversations, events::publish,
                events::hasListeners, aliases, clock, registry);
        stopHooks.add(pushes);
        return pushes;
    }
}
