package io.parley.builtin.group;

import io.parley.api.storage.MetadataStore;
import java.util.Optional;

/**
 * Group members' push aliases ({@code /group/remarks/*}, RongCloud's "group member push alias"): the name a member
 * goes by in the push notifications of the messages it sends to one group, seen by the other members (a remark a
 * recipient gave the sender with {@code /user/remarks/set.json} comes first). Kept in the metadata store: namespace
 * {@value #NAMESPACE}, key {@code <userId>/<groupId>} (user ids hold no {@code /}, so the first one splits the key),
 * value the alias (the layout of the user remarks, {@code /user/remarks/*}). Thread-safe; every method blocks on
 * storage.
 */
final class GroupRemarks {
    static final String NAMESPACE = "kernel.group-remarks";

    private final MetadataStore metadata;

    GroupRemarks(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /** Sets (or replaces) the alias {@code userId} goes by in {@code groupId}. */
    public void set(String userId, String groupId, String remark) {
        metadata.put(NAMESPACE, key(userId, groupId), remark);
    }

    /** The alias {@code userId} goes by in {@code groupId}, if any. */
    public Optional<String> remark(String userId, String groupId) {
        return metadata.get(NAMESPACE, key(userId, groupId));
    }

    /** Removes the alias; false when there was none. */
    public boolean delete(String userId, String groupId) {
        if (remark(userId, groupId).isEmpty()) {
            return false;
        }
        metadata.delete(NAMESPACE, key(userId, groupId));
        return true;
    }

    private static String key(String userId, String groupId) {
        return userId + "/" + groupId;
    }
}
