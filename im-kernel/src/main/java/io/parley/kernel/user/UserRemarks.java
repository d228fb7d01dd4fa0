package io.parley.kernel.user;

import io.parley.api.storage.MetadataStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * The names users give other users ({@code /user/remarks/*}, RongCloud's "user push alias"): the name a message
 * from {@code targetId} shows under in {@code userId}'s push notifications, in private chats and groups alike.
 * Kept in the metadata store: namespace {@value #NAMESPACE}, key {@code <userId>/<targetId>} (user ids hold no
 * {@code /}), value the remark. Thread-safe; every method blocks on storage.
 */
@Singleton
public final class UserRemarks {
    static final String NAMESPACE = "kernel.user-remarks";

    private final RemarkTable table;

    @Inject
    public UserRemarks(MetadataStore metadata) {
        this.table = new RemarkTable(metadata, NAMESPACE);
    }

    /** Sets (or replaces) the remark {@code userId} gives {@code targetId}. */
    public void set(String userId, String targetId, String remark) {
        table.set(userId, targetId, remark);
    }

    /** The remark {@code userId} gives {@code targetId}, if any. */
    public Optional<String> remark(String userId, String targetId) {
        return table.remark(userId, targetId);
    }

    /** Removes the remark; false when there was none. */
    public boolean delete(String userId, String targetId) {
        return table.delete(userId, targetId);
    }

    /** Every remark {@code userId} has set, by target id in id order. */
    public Map<String, String> remarksOf(String userId) {
        return table.remarksOf(userId);
    }
}
