package io.parley.plugin.ultragroup;

import io.parley.api.event.ImEvent;
import io.parley.api.event.ImEventListener;
import io.parley.api.event.PresenceChanged;
import io.parley.api.plugin.OnlineDirectory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which members of each ultragroup have a device connected to this node (with several nodes, each node keeps its
 * own: {@link Peers} tells it of joins and quits made on other nodes), and which channel each connected device has open
 * (subscribed): per device, by session id, so that two devices of one user may look at two channels. Kept in
 * memory from presence events, joins and quits, so that a message's fan-out costs O(online members) and never
 * reads the member list. A device that connects is added by its presence event (asynchronously): a message
 * committed in between reaches it through the channel list it fetches on connect. A subscription lasts as long
 * as the device's connection. Thread-safe.
 */
final class OnlineMembers implements ImEventListener {
    private final Map<String, Set<String>> byGroup = new ConcurrentHashMap<>();
    /** user -> session -> the targetId that device has open. */
    private final Map<String, Map<String, String>> subscribed = new ConcurrentHashMap<>();
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
    public boolean accepts(ImEvent event) {
        return event instanceof PresenceChanged;
    }

    @Override
    public void onEvent(ImEvent event) {
        if (event instanceof PresenceChanged presence) {
            if (presence.status() != PresenceChanged.Status.ONLINE) {
                unsubscribe(presence.userId(), presence.sessionId());
            }
            refresh(presence.userId());
        }
    }

    /** Brings one user's entries in line with whether it is online now (idempotent). */
    void refresh(String userId) {
        boolean isOnline = isHere(userId);
        for (String groupId : directory.groups().groupsOf(userId)) {
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
        if (isHere(userId)) {
            byGroup.computeIfAbsent(groupId, id -> ConcurrentHashMap.newKeySet()).add(userId);
        }
    }

    /** Whether a device of the user is connected to this node: node-local knowledge, no directory read. */
    private boolean isHere(String userId) {
        return !online.devices(userId).isEmpty();
    }

    void left(String groupId, String userId) {
        Set<String> members = byGroup.get(groupId);
        if (members != null) {
            members.remove(userId);
        }
        Map<String, String> devices = subscribed.get(userId);
        if (devices != null) {
            devices.values().removeIf(channel -> Target.parse(channel).groupId().equals(groupId));
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

    /**
     * The device (one connection of the user) now has this channel open: it gets the channel's messages
     * themselves rather than notices, and the user's other devices keep getting notices. One channel per device;
     * the last call wins.
     */
    void subscribe(String userId, String sessionId, Target target) {
        subscribed.computeIfAbsent(userId, id -> new ConcurrentHashMap<>()).put(sessionId, target.asTargetId());
    }

    void unsubscribe(String userId, String sessionId) {
        subscribed.computeIfPresent(userId, (id, devices) -> {
            devices.remove(sessionId);
            return devices.isEmpty() ? null : devices;
        });
    }

    /** Adds to {@code sessions} the devices of a user that have {@code targetId} open; true when it added any. */
    boolean addSubscribedDevices(String userId, String targetId, Set<String> sessions) {
        Map<String, String> devices = subscribed.get(userId);
        if (devices == null) {
            return false;
        }
        boolean any = false;
        for (Map.Entry<String, String> device : devices.entrySet()) {
            if (targetId.equals(device.getValue())) {
                sessions.add(device.getKey());
                any = true;
            }
        }
        return any;
    }
}
