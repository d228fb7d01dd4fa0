package io.parley.builtin.system;

import io.parley.api.model.ConversationType;
import io.parley.api.storage.MetadataStore;
import io.parley.api.storage.RetentionCutoffs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which message each recipient of a stored broadcast ({@code /message/broadcast.json}) got, by the broadcast's id
 * (its {@code messageUID}), so that {@code /message/broadcast/recall.json} can recall every copy. Kept in the
 * metadata store: one entry naming the sender, one per recipient ({@code id/userId} to that copy's UID), and one
 * in a time index ({@code ~<sentTime>/id}) by which a broadcast is forgotten once its copies have expired
 * ({@link #expire}, after each retention sweep: system messages are kept for {@code retention.private.*}).
 * Online-only broadcasts are not stored and not recorded. Thread-safe; blocks on storage.
 */
public final class BroadcastLog {
    static final String NAMESPACE = "kernel.broadcasts";
    private static final String SEPARATOR = "/";
    private static final String TIME_INDEX = "~";

    private final MetadataStore metadata;

    public BroadcastLog(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /** Records that {@code fromUserId}'s broadcast {@code broadcastId}, sent then, reached each user as that UID. */
    public void record(String broadcastId, String fromUserId, long sentTime, Map<String, String> uidsByRecipient) {
        metadata.put(NAMESPACE, TIME_INDEX + "%015d".formatted(sentTime) + SEPARATOR + broadcastId, "");
        for (Map.Entry<String, String> copy : uidsByRecipient.entrySet()) {
            metadata.put(NAMESPACE, broadcastId + SEPARATOR + copy.getKey(), copy.getValue());
        }
        // the head last: a broadcast is found only once all its copies are recorded
        metadata.put(NAMESPACE, broadcastId, fromUserId);
    }

    /** The sender of broadcast {@code broadcastId}, when it was recorded and is still kept. */
    public Optional<String> sender(String broadcastId) {
        if (broadcastId.isEmpty() || broadcastId.contains(SEPARATOR) || broadcastId.startsWith(TIME_INDEX)) {
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

    /**
     * Forgets the broadcasts whose copies the sweep with these cutoffs dropped: those sent before the cutoff of
     * system messages (none when they are kept forever). Returns how many.
     */
    public int expire(RetentionCutoffs cutoffs) {
        return cutoffs.messageCutoff(ConversationType.SYSTEM).map(this::forgetSentBefore).orElse(0);
    }

    private int forgetSentBefore(long cutoffMillis) {
        int forgotten = 0;
        for (String indexKey : metadata.scan(NAMESPACE, TIME_INDEX).keySet()) {
            int slash = indexKey.indexOf(SEPARATOR);
            long sentTime = Long.parseLong(indexKey.substring(TIME_INDEX.length(), slash));
            if (sentTime >= cutoffMillis) {
                continue;
            }
            String broadcastId = indexKey.substring(slash + 1);
            // the head first: a broadcast half forgotten is not found
            metadata.delete(NAMESPACE, broadcastId);
            metadata.scan(NAMESPACE, broadcastId + SEPARATOR).keySet()
                    .forEach(copy -> metadata.delete(NAMESPACE, copy));
            metadata.delete(NAMESPACE, indexKey);
            forgotten++;
        }
        return forgotten;
    }
}
