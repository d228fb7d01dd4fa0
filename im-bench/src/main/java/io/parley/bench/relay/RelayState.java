package io.parley.bench.relay;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the bare relay knows: which connection belongs to which user (the last CONNECT wins) and which
 * connections joined which room. No storage, no auth, no ordering beyond what TCP gives. Thread-safe.
 */
public final class RelayState {
    private final Map<String, Channel> users = new ConcurrentHashMap<>();
    private final Map<String, Set<Channel>> rooms = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();

    /** Registers {@code channel} as {@code userId}'s connection. */
    public void online(String userId, Channel channel) {
        users.put(userId, channel);
    }

    /** Forgets {@code channel}, wherever it was registered. */
    public void offline(String userId, Channel channel) {
        if (userId != null) {
            users.remove(userId, channel);
        }
        for (Set<Channel> members : rooms.values()) {
            members.remove(channel);
        }
    }

    public Channel channelOf(String userId) {
        return users.get(userId);
    }

    /** Adds {@code channel} to the room; returns the member count. */
    public int join(String roomId, Channel channel) {
        Set<Channel> members = rooms.computeIfAbsent(roomId, id -> ConcurrentHashMap.newKeySet());
        members.add(channel);
        return members.size();
    }

    /** The room's members, or an empty set. */
    public Set<Channel> members(String roomId) {
        return rooms.getOrDefault(roomId, Set.of());
    }

    public long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    public int online() {
        return users.size();
    }

    /**
     * The user id a token names. A Parley token ({@code base64url("v1|user|issuedAt|nonce").signature}) names
     * its user; its signature is not checked (the relay has no auth). Anything else is taken as the user id.
     */
    public static String userIdOf(String token) {
        if (token == null || token.isEmpty()) {
            return "anonymous";
        }
        int dot = token.indexOf('.');
        if (dot > 0) {
            try {
                String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)),
                        StandardCharsets.UTF_8);
                int nonceBar = payload.lastIndexOf('|');
                int timeBar = nonceBar > 0 ? payload.lastIndexOf('|', nonceBar - 1) : -1;
                if (payload.startsWith("v1|") && timeBar > 3) {
                    return payload.substring(3, timeBar);
                }
            } catch (IllegalArgumentException e) {
                return token;
            }
        }
        return token;
    }
}
