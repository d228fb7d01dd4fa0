package io.parley.kernel.user;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.storage.MetadataStore;
import io.parley.kernel.cluster.ClusterRouter;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users: deactivation (a kernel connection guard), private-chat bans, remarks. The server API for them is in
 * {@code io.parley.kernel.api}. Binds; opens nothing.
 */
public final class UserModule extends AbstractModule {
    private static final Logger log = LoggerFactory.getLogger(UserModule.class);

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ConnectionGuard.class).addBinding().to(DeactivatedUserGuard.class);
    }

    /**
     * The bans, shared with the other nodes of a cluster through a topic (and reloaded every minute, in case a hint
     * was lost). Kept as a provider because the topic is opened by the cluster router as the bans are made.
     */
    @Provides
    @Singleton
    PrivateChatBans privateChatBans(MetadataStore metadata, ClusterRouter router, ScheduledExecutorService scheduler) {
        PrivateChatBans bans = new PrivateChatBans(metadata);
        router.openTopic(PrivateChatBans.TOPIC, bans::heard).ifPresent(topic -> {
            bans.shareThrough(topic);
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    bans.reload();
                } catch (RuntimeException e) {
                    log.warn("the private-chat bans could not be reloaded; trying again in a minute: {}", e.toString());
                }
            }, 1, 1, TimeUnit.MINUTES);
        });
        return bans;
    }
}
