package io.parley.kernel.user;

import static java.util.Objects.requireNonNull;

import io.parley.api.storage.MetadataStore;
import java.util.List;

/**
 * The users banned from sending private messages ({@code /user/chat/fb/set.json} with {@code type=PERSON}), kept
 * in the metadata store until lifted: namespace {@value #NAMESPACE}, key the user id, value the time of the ban
 * (epoch ms). {@link io.parley.kernel.message.PrivateBusinessType} refuses a banned user's sends from a device.
 * Thread-safe; every method blocks on storage (the send path reads through the store's own cache).
 */
public final class PrivateChatBans {
    static final String NAMESPACE = "kernel.private-chat-bans";

    private final MetadataStore metadata;

    public PrivateChatBans(MetadataStore metadata) {
        this.metadata = requireNonNull(metadata, "metadata is null");
    }

    /** Bans the user; a user already banned keeps the time of the first ban. */
    public void ban(String userId, long nowMillis) {
        if (!isBanned(userId)) {
            metadata.put(NAMESPACE, userId, Long.toString(nowMillis));
        }
    }

    /** Lifts the user's ban; nothing happens for a user that is not banned. */
    public void lift(String userId) {
        if (isBanned(userId)) {
            metadata.delete(NAMESPACE, userId);
        }
    }

    public boolean isBanned(String userId) {
        return metadata.get(NAMESPACE, userId).isPresent();
    }

    /** How many users are banned. Reads the whole list. */
    public int count() {
        return metadata.scan(NAMESPACE, "").size();
    }

    /** Up to {@code limit} banned user ids after the first {@code offset}, in id order. */
    public List<String> page(long offset, int limit) {
        return metadata.scan(NAMESPACE, "").keySet().stream().skip(offset).limit(limit).toList();
    }
}
