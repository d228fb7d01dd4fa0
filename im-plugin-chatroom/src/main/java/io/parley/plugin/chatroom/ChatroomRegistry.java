package io.parley.plugin.chatroom;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.plugin.OnlineDirectory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every room of this node, and which rooms each user is in. Creates and destroys rooms, joins and removes
 * members (enforcing {@code max-rooms-per-user}), and tells users what happened through EVENT frames:
 * {@code chatroom.destroyed}, {@code chatroom.kicked} and {@code chatroom.entry.changed}.
 *
 * <p>Thread-safe. A user's memberships change under one of 64 user locks, and a room under its own lock;
 * a user lock may be held while a room lock is taken, never the other way round. Nothing blocks.
 */
final class ChatroomRegistry {
    static final String EVENT_DESTROYED = "chatroom.destroyed";
    static final String EVENT_KICKED = "chatroom.kicked";
    static final String EVENT_ENTRY_CHANGED = "chatroom.entry.changed";

    /** What a join did: the room's answer and the rooms the user left to stay within its limit. */
    record JoinOutcome(Room room, Room.Joined joined, List<String> left) {
        JoinOutcome {
            requireNonNull(room, "room is null");
            requireNonNull(joined, "joined is null");
            left = List.copyOf(left);
        }
    }

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<String>> roomsByUser = new ConcurrentHashMap<>();
    private final Object[] userLocks = new Object[64];
    private final ChatroomConfig config;
    private final OnlineDirectory online;
    private final Clock clock;
    private final RoomHistory history;
    private final RoomPeers peers;

    ChatroomRegistry(ChatroomConfig config, OnlineDirectory online, Clock clock, RoomHistory history,
            RoomPeers peers) {
        this.config = config;
        this.peers = peers;
        this.online = online;
        this.clock = clock;
        this.history = history;
        for (int i = 0; i < userLocks.length; i++) {
            userLocks[i] = new Object();
        }
    }

    /** Creates a room, or returns the existing one with this id; with several nodes, on every node. */
    Room create(String roomId, String name) {
        Room room = instance(ApiFormats.roomId(roomId), name);
        peers.created(room.id(), name);
        return room;
    }

    /**
     * This node's instance of a room, made when there is none: its seq continues the room's, and it has the gags
     * and mute set on other nodes.
     */
    private Room instance(String roomId, String name) {
        return rooms.computeIfAbsent(roomId, id -> {
            Room room = new Room(id, name, config, clock.millis(), peers.startSeq(id, history.startSeq(id)), peers);
            peers.restore(room);
            return room;
        });
    }

    /** A room, on this node or (with several nodes) created on another one. */
    Optional<Room> find(String roomId) {
        Room room = rooms.get(roomId);
        if (room != null) {
            return Optional.of(room);
        }
        return peers.known(roomId).map(name -> instance(roomId, name));
    }

    /** This node's instance of a room, when it has one: never reads the shared store. */
    Optional<Room> loaded(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    OnlineDirectory online() {
        return online;
    }

    Room require(String roomId) {
        return find(roomId).orElseThrow(
                () -> new ImException(ChatroomErrorCode.NOT_EXIST, "chatroom " + roomId + " does not exist"));
    }

    Collection<Room> rooms() {
        return rooms.values();
    }

    int roomCount() {
        return rooms.size();
    }

    List<String> roomsOf(String userId) {
        return roomsByUser.getOrDefault(userId, List.of());
    }

    /** Joins a room (creating it when config allows), then leaves the oldest rooms over the user's limit. */
    JoinOutcome join(String userId, String roomId, int historyCount) {
        ApiFormats.roomId(roomId);
        synchronized (lockOf(userId)) {
            Room room;
            Room.Joined joined;
            try {
                room = roomToJoin(roomId);
                joined = room.join(userId, clock.millis(), config.maxMembers(), historyCount);
            } catch (ImException e) {
                if (e.errorCode() != ChatroomErrorCode.NOT_EXIST || !config.autoCreate()) {
                    throw e;
                }
                // destroyed between the lookup and the join: join a fresh room of the same id
                room = roomToJoin(roomId);
                joined = room.join(userId, clock.millis(), config.maxMembers(), historyCount);
            }
            List<String> next = new ArrayList<>(roomsOf(userId));
            next.remove(roomId);
            next.add(roomId);
            List<String> left = new ArrayList<>();
            while (next.size() > config.maxRoomsPerUser()) {
                String oldest = next.remove(0);
                find(oldest).ifPresent(old -> leaveRoom(old, userId));
                left.add(oldest);
            }
            roomsByUser.put(userId, List.copyOf(next));
            return new JoinOutcome(room, joined, List.copyOf(left));
        }
    }

    /** Removes a user from a room; returns whether it was a member. */
    boolean quit(String userId, String roomId) {
        synchronized (lockOf(userId)) {
            forget(userId, roomId);
            return find(roomId).map(room -> leaveRoom(room, userId)).orElse(false);
        }
    }

    /** Removes a user from every room (a disconnect whose grace ran out). */
    void leaveAll(String userId) {
        for (String roomId : roomsOf(userId)) {
            quit(userId, roomId);
        }
    }

    /** Removes users from a room and tells each one, with {@code chatroom.kicked}. */
    void kick(Room room, List<String> userIds, String reason, Optional<String> extra) {
        for (String userId : userIds) {
            if (quit(userId, room.id())) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("roomId", room.id());
                body.put("code", ChatroomErrorCode.KICKED.code());
                body.put("reason", reason);
                extra.ifPresent(text -> body.put("extra", text));
                online.sendEvent(userId, EVENT_KICKED, body);
            }
        }
    }

    /**
     * Destroys a room: its members are removed and told, with {@code chatroom.destroyed}; with several nodes, on
     * every node. Returns whether the room existed.
     */
    boolean destroy(String roomId, String reason) {
        if (find(roomId).isEmpty()) {
            return false;
        }
        destroyHere(roomId, reason);
        peers.destroyed(roomId, reason);
        return true;
    }

    /** Destroys this node's instance of a room: the members connected here are removed and told. */
    boolean destroyHere(String roomId, String reason) {
        Room room = rooms.remove(roomId);
        if (room == null) {
            return false;
        }
        for (String member : room.destroy()) {
            synchronized (lockOf(member)) {
                forget(member, roomId);
            }
            online.sendEvent(member, EVENT_DESTROYED, Map.of("roomId", roomId, "reason", reason));
        }
        return true;
    }

    /**
     * A room's lifetime is over on this node. On one node it is destroyed. With several nodes only this node's
     * instance goes, and only when no member is connected here: activity elsewhere is not seen here, so the room
     * itself lasts until it is destroyed through the server API (see {@code docs/cluster.md}).
     */
    void expire(Room room, String reason) {
        if (!peers.distributed()) {
            destroy(room.id(), reason);
        } else if (room.memberCount() == 0) {
            rooms.remove(room.id(), room);
        }
    }

    /** Tells every member of the room about changed attributes, one {@code chatroom.entry.changed} per key. */
    void notifyEntries(Room room, List<RoomEntry> changed, String type) {
        if (changed.isEmpty()) {
            return;
        }
        Collection<String> members = room.members().keySet();
        for (RoomEntry entry : changed) {
            Map<String, Object> body = entry.toClientMap();
            body.put("roomId", room.id());
            body.put("type", type);
            members.forEach(member -> online.sendEvent(member, EVENT_ENTRY_CHANGED, body));
        }
    }

    private Room roomToJoin(String roomId) {
        Optional<Room> room = find(roomId);
        if (room.isPresent()) {
            return room.get();
        }
        if (!config.autoCreate()) {
            throw new ImException(ChatroomErrorCode.NOT_EXIST, "chatroom " + roomId + " does not exist");
        }
        return create(roomId, roomId);
    }

    private boolean leaveRoom(Room room, String userId) {
        Room.Left left = room.leave(userId);
        notifyEntries(room, left.removedEntries(), "remove");
        return left.wasMember();
    }

    private void forget(String userId, String roomId) {
        roomsByUser.computeIfPresent(userId, (user, list) -> {
            List<String> next = new ArrayList<>(list);
            next.remove(roomId);
            return next.isEmpty() ? null : List.copyOf(next);
        });
    }

    private Object lockOf(String userId) {
        return userLocks[Math.floorMod(userId.hashCode(), userLocks.length)];
    }
}
