package io.parley.kernel.user;

import static java.util.Objects.requireNonNull;

import io.parley.api.cluster.ClusterTopic;
import io.parley.api.storage.MetadataStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users banned from sending private messages ({@code /user/chat/fb/set.json} with {@code type=PERSON}), kept
 * in the metadata store until lifted: namespace {@value #NAMESPACE}, key the user id, value the time of the ban
 * (epoch ms). {@link io.parley.kernel.message.PrivateBusinessType} refuses a banned user's sends from a device, and
 * asks {@link #isBanned} for every private send: that answer comes from a copy in memory, loaded at startup and kept
 * up to date by this node's bans and lifts and, with several nodes, by the other nodes' ({@link #shareThrough}, with
 * a {@link #reload} now and then in case a hint between nodes was lost). Thread-safe: changes to the copy are
 * serialised, so a reload never undoes a ban made meanwhile; {@link #isBanned} never blocks, the other methods
 * block on storage.
 */
@Singleton
public final class PrivateChatBans {
    static final String NAMESPACE = "kernel.private-chat-bans";
    /** The cluster topic on which nodes tell each other of bans ({@code +user}) and lifts ({@code -user}). */
    public static final String TOPIC = "kernel.private-chat-bans";

    private final MetadataStore metadata;
    private final Set<String> banned = ConcurrentHashMap.newKeySet();
    private volatile ClusterTopic topic;

    @Inject
    public PrivateChatBans(MetadataStore metadata) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        reload();
    }

    /** With several nodes: this node's bans and lifts are told on {@code topic}, whose receiver is {@link #heard}. */
    public void shareThrough(ClusterTopic topic) {
        this.topic = requireNonNull(topic, "topic is null");
    }

    /** Bans the user; a user already banned keeps the time of the first ban. */
    public synchronized void ban(String userId, long nowMillis) {
        if (metadata.get(NAMESPACE, userId).isEmpty()) {
            metadata.put(NAMESPACE, userId, Long.toString(nowMillis));
        }
        banned.add(userId);
        tell('+', userId);
    }

    /** Lifts the user's ban; nothing happens for a user that is not banned. */
    public synchronized void lift(String userId) {
        if (metadata.get(NAMESPACE, userId).isPresent()) {
            metadata.delete(NAMESPACE, userId);
        }
        banned.remove(userId);
        tell('-', userId);
    }

    /** Whether the user is banned, from memory. */
    public boolean isBanned(String userId) {
        return banned.contains(userId);
    }

    /** How many users are banned. Reads the whole list. */
    public int count() {
        return metadata.scan(NAMESPACE, "").size();
    }

    /** Up to {@code limit} banned user ids after the first {@code offset}, in id order. */
    public List<String> page(long offset, int limit) {
        return metadata.scan(NAMESPACE, "").keySet().stream().skip(offset).limit(limit).toList();
    }

    /** Makes the copy in memory that of storage again. */
    public synchronized void reload() {
        Set<String> stored = metadata.scan(NAMESPACE, "").keySet();
        banned.retainAll(stored);
        banned.addAll(stored);
    }

    /** A ban or lift told by another node; unreadable payloads are ignored. */
    public synchronized void heard(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (text.length() < 2) {
            return;
        }
        String userId = text.substring(1);
        if (text.charAt(0) == '+') {
            banned.add(userId);
        } else if (text.charAt(0) == '-') {
            banned.remove(userId);
        }
    }

    private void tell(char change, String userId) {
        ClusterTopic open = topic;
        if (open != null) {
            open.publish((change + userId).getBytes(StandardCharsets.UTF_8));
        }
    }
}
