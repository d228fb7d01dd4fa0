package io.parley.kernel.user;

import static java.util.Objects.requireNonNull;

import io.parley.api.storage.MetadataStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names users give other users ({@code /user/remarks/*}, RongCloud's "user push alias"): the name a message
 * from {@code targetId} shows under in {@code userId}'s push notifications, in private chats and groups alike.
 * Kept in the metadata store: namespace {@value #NAMESPACE}, key {@code <userId>/<targetId>} (user ids hold no
 * {@code /}), value the remark. Thread-safe; every method blocks on storage.
 */
public final class UserRemarks {
    static final String NAMESPACE = "kernel.user-remarks";

    private final MetadataStore metadata;

    public UserRemarks(MetadataStore metadata) {
        this.metadata = requireNonNull(metadata, "metadata is null");
    }

    /** Sets (or replaces) the remark {@code userId} gives {@code targetId}. */
    public void set(String userId, String targetId, String remark) {
        metadata.put(NAMESPACE, key(userId, targetId), remark);
    }

    /** The remark {@code userId} gives {@code targetId}, if any. */
    public Optional<String> remark(String userId, String targetId) {
        return metadata.get(NAMESPACE, key(userId, targetId));
    }

    /** Removes the remark; false when there was none. */
    public boolean delete(String userId, String targetId) {
        if (remark(userId, targetId).isEmpty()) {
            return false;
        }
        metadata.delete(NAMESPACE, key(userId, targetId));
        return true;
    }

    /** Every remark {@code userId} has set, by target id in id order. */
    public Map<String, String> remarksOf(String userId) {
        String prefix = userId + "/";
        Map<String, String> remarks = new LinkedHashMap<>();
        metadata.scan(NAMESPACE, prefix).forEach((key, remark) -> remarks.put(key.substring(prefix.length()), remark));
        return remarks;
    }

    private static String key(String userId, String targetId) {
        return userId + "/" + targetId;
    }
}
