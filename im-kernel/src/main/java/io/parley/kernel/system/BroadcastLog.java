package io.parley.kernel.system;

import io.parley.api.storage.MetadataStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which message each recipient of a stored broadcast ({@code /message/broadcast.json}) got, by the broadcast's id
 * (its {@code messageUID}), so that {@code /message/broadcast/recall.json} can recall every copy. Kept in the
 * metadata store: one entry naming the sender, and one per recipient ({@code id/userId} to that copy's UID).
 * Online-only broadcasts are not stored and not recorded. Thread-safe; blocks on storage.
 */
public final class BroadcastLog {
    static final String NAMESPACE = "kernel.broadcasts";
    private static final String SEPARATOR = "/";

    private final MetadataStore metadata;

    public BroadcastLog(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /** Records that {@code fromUserId}'s broadcast {@code broadcastId} reached each user as the given UID. */
    public void record(String broadcastId, String fromUserId, Map<String, String> uidsByRecipient) {
        for (Map.Entry<String, String> copy : uidsByRecipient.entrySet()) {
            metadata.put(NAMESPACE, broadcastId + SEPARATOR + copy.getKey(), copy.getValue());
        }
        // the head last: a broadcast is found only once all its copies are recorded
        metadata.put(NAMESPACE, broadcastId, fromUserId);
    }

    /** The sender of broadcast {@code broadcastId}, when it was recorded. */
    public Optional<String> sender(String broadcastId) {
        if (broadcastId.contains(SEPARATOR)) {
            return Optional.empty();
        }
        return metadata.get(NAMESPACE, broadcastId);
    }

    /** Each recipient of broadcast {@code broadcastId} with the UID of its copy. */
    public Map<String, String> copies(String broadcastId) {
        String prefix = broadcastId + SEPARATOR;
        Map<String, String> copies = new LinkedHashMap<>();
        metadata.scan(NAMESPACE, prefix).forEach((key, uid) -> copies.put(key.substring(prefix.length()), uid));
        return copies;
    }
}
