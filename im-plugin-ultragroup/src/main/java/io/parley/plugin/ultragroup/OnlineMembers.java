package io.parley.plugin.ultragroup;

import io.parley.api.event.ImEvent;
import io.parley.api.event.ImEventListener;
import io.parley.api.event.PresenceChanged;
import io.parley.api.plugin.OnlineDirectory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which members of each ultragroup are online on this node, and which channel each online user has open
 * (subscribed). Kept in memory from presence events, joins and quits, so that a message's fan-out costs
 * O(online members) and never reads the member list. A device that connects is added by its presence event
 * (asynchronously): a message committed in between reaches it through the channel list it fetches on connect.
 * Thread-safe.
 */
final class OnlineMembers implements ImEventListener {
    private final Map<String, Set<String>> byGroup = new ConcurrentHashMap<>();
    private final Map<String, String> subscribed = new ConcurrentHashMap<>();
    private final Directory directory;
    private final OnlineDirectory online;

    OnlineMembers(Directory directory, OnlineDirectory online) {
        this.directory = directory;
        this.online = online;
    }

    @Override
    public String name() {
        return "ultragroup.presence";
    }

    @Override
    public void onEvent(ImEvent event) {
        if (event instanceof PresenceChanged presence) {
            refresh(presence.userId());
        }
    }

    /** Brings one user's entries in line with whether it is online now (idempotent). */
    void refresh(String userId) {
        boolean isOnline = online.isOnline(userId);
        for (String groupId : directory.groupsOf(userId)) {
            if (isOnline) {
                joined(groupId, userId);
            } else {
                left(groupId, userId);
            }
        }
        if (!isOnline) {
            subscribed.remove(userId);
        }
    }

    void joined(String groupId, String userId) {
        if (online.isOnline(userId)) {
            byGroup.computeIfAbsent(groupId, id -> ConcurrentHashMap.newKeySet()).add(userId);
        }
    }

    void left(String groupId, String userId) {
        Set<String> members = byGroup.get(groupId);
        if (members != null) {
            members.remove(userId);
        }
        String channel = subscribed.get(userId);
        if (channel != null && Target.parse(channel).groupId().equals(groupId)) {
            subscribed.remove(userId, channel);
        }
    }

    void dismissed(String groupId) {
        Set<String> members = byGroup.remove(groupId);
        if (members != null) {
            members.forEach(user -> left(groupId, user));
        }
    }

    /** The online members of a group: a live view, to iterate, not to keep. */
    Set<String> of(String groupId) {
        return byGroup.getOrDefault(groupId, Set.of());
    }

    int total() {
        return byGroup.values().stream().mapToInt(Set::size).sum();
    }

    /** The user now has this channel open: it gets the channel's messages themselves rather than notices. */
    void subscribe(String userId, Target target) {
        subscribed.put(userId, target.asTargetId());
    }

    void unsubscribe(String userId) {
        subscribed.remove(userId);
    }

    boolean isSubscribed(String userId, String targetId) {
        return targetId.equals(subscribed.get(userId));
    }
}
