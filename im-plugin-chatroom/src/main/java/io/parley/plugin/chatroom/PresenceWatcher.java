package io.parley.plugin.chatroom;

import io.parley.api.event.ImEvent;
import io.parley.api.event.ImEventListener;
import io.parley.api.event.PresenceChanged;
import io.parley.api.plugin.OnlineDirectory;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Removes members who went away. When a user's last device on this node goes offline, the user stays a member of its
 * rooms for {@code chatroom.disconnect-grace}, so that a quick reconnect keeps its place; if no device is back
 * by then, the user leaves every room (and its auto-delete attributes go). A logout leaves at once.
 *
 * <p>Called on its own listener thread, in event order; the removal runs on the shared scheduler. Thread-safe.
 */
final class PresenceWatcher implements ImEventListener {
    private final ChatroomRegistry registry;
    private final OnlineDirectory online;
    private final ScheduledExecutorService scheduler;
    private final Duration grace;
    private final ConcurrentHashMap<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    PresenceWatcher(ChatroomRegistry registry, OnlineDirectory online, ScheduledExecutorService scheduler,
            Duration grace) {
        this.registry = registry;
        this.online = online;
        this.scheduler = scheduler;
        this.grace = grace;
    }

    @Override
    public String name() {
        return "chatroom.presence";
    }

    @Override
    public boolean accepts(ImEvent event) {
        return event instanceof PresenceChanged;
    }

    @Override
    public void onEvent(ImEvent event) {
        if (!(event instanceof PresenceChanged presence)) {
            return;
        }
        String userId = presence.userId();
        if (presence.status() == PresenceChanged.Status.ONLINE) {
            cancel(userId);
            return;
        }
        if (connectedHere(userId) || registry.roomsOf(userId).isEmpty()) {
            return;
        }
        if (presence.status() == PresenceChanged.Status.LOGOUT || grace.isZero()) {
            cancel(userId);
            registry.leaveAll(userId);
            return;
        }
        pending.compute(userId, (user, previous) -> {
            if (previous != null) {
                previous.cancel(false);
            }
            return scheduler.schedule(() -> expire(user), grace.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void expire(String userId) {
        pending.remove(userId);
        if (!connectedHere(userId)) {
            registry.leaveAll(userId);
        }
    }

    /**
     * Whether a device of the user is connected to this node: with several nodes each node keeps the members
     * connected to it, so a user who now connects only elsewhere leaves the rooms it joined here.
     */
    private boolean connectedHere(String userId) {
        return !online.devices(userId).isEmpty();
    }

    private void cancel(String userId) {
        ScheduledFuture<?> previous = pending.remove(userId);
        if (previous != null) {
            previous.cancel(false);
        }
    }
}
