package io.parley.kernel.user;

import static java.util.Objects.requireNonNull;

import io.parley.kernel.cluster.ClusterRouter;
import io.parley.kernel.lifecycle.Service;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With several nodes, shares this node's private-chat bans and lifts with the others: at start it opens the cluster
 * topic {@value PrivateChatBans#TOPIC} and reloads the bans every minute, in case a hint between nodes was lost. On a
 * single node it does nothing. A lifecycle service, started before the plugins and the transports.
 */
@Singleton
public final class PrivateChatBanSharing implements Service {
    private static final Logger log = LoggerFactory.getLogger(PrivateChatBanSharing.class);

    private final PrivateChatBans bans;
    private final ClusterRouter router;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> reloads;

    @Inject
    public PrivateChatBanSharing(PrivateChatBans bans, ClusterRouter router, ScheduledExecutorService scheduler) {
        this.bans = requireNonNull(bans, "bans is null");
        this.router = requireNonNull(router, "router is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
    }

    @Override
    public String name() {
        return "private-chat-ban-sharing";
    }

    @Override
    public List<String> dependsOn() {
        return List.of("cluster", "executors");
    }

    @Override
    public void start() {
        router.openTopic(PrivateChatBans.TOPIC, bans::heard).ifPresent(topic -> {
            bans.shareThrough(topic);
            reloads = scheduler.scheduleWithFixedDelay(() -> {
                try {
                    bans.reload();
                } catch (RuntimeException e) {
                    log.warn("the private-chat bans could not be reloaded; trying again in a minute: {}", e.toString());
                }
            }, 1, 1, TimeUnit.MINUTES);
        });
    }

    @Override
    public void stop() {
        if (reloads != null) {
            reloads.cancel(false);
        }
    }
}
