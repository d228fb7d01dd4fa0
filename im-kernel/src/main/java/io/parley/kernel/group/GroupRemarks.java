package io.parley.kernel.group;

import io.parley.api.storage.MetadataStore;
import io.parley.kernel.user.RemarkTable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Group members' push aliases ({@code /group/remarks/*}, RongCloud's "group member push alias"): the name a member
 * goes by in the push notifications of the messages it sends to one group, seen by the other members (a remark a
 * recipient gave the sender with {@code /user/remarks/set.json} comes first). Kept in the metadata store: namespace
 * {@value #NAMESPACE}, key {@code <userId>/<groupId>} (user ids hold no {@code /}, so the first one splits the key),
 * value the alias. Thread-safe; every method blocks on storage.
 */
@Singleton
public final class GroupRemarks {
    static final String NAMESPACE = "kernel.group-remarks";

    private final RemarkTable table;

    @Inject
    public GroupRemarks(MetadataStore metadata) {
        this.table = new RemarkTable(metadata, NAMESPACE);
    }

    /** Sets (or replaces) the alias {@code userId} goes by in {@code groupId}. */
    public void set(String userId, String groupId, String remark) {
        table.set(userId, groupId, remark);
    }

    /** The alias {@code userId} goes by in {@code groupId}, if any. */
    public Optional<String> remark(String userId, String groupId) {
        return table.remark(userId, groupId);
    }

    /** Removes the alias; false when there was none. */
    public boolean delete(String userId, String groupId) {
        return table.delete(userId, groupId);
    }
}
