package io.parley.kernel.user;

import static java.util.Objects.requireNonNull;

import io.parley.api.storage.MetadataStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names one user gives in relation to something else (another user), kept in one metadata namespace: key
 * {@code <userId>/<other>} (user ids hold no {@code /}, so the first one splits the key), value the name. The group
 * plugin keeps its members' push aliases in the same layout ({@code io.parley.builtin.group.GroupRemarks}).
 * Thread-safe; every method blocks on storage.
 */
public final class RemarkTable {
    private final MetadataStore metadata;
    private final String namespace;

    public RemarkTable(MetadataStore metadata, String namespace) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
    }

    /** Sets (or replaces) the name {@code userId} gives in relation to {@code other}. */
    public void set(String userId, String other, String remark) {
        metadata.put(namespace, key(userId, other), remark);
    }

    public Optional<String> remark(String userId, String other) {
        return metadata.get(namespace, key(userId, other));
    }

    /** Removes the name; false when there was none. */
    public boolean delete(String userId, String other) {
        if (remark(userId, other).isEmpty()) {
            return false;
        }
        metadata.delete(namespace, key(userId, other));
        return true;
    }

    /** Every name {@code userId} gives, by the other's id in id order. */
    public Map<String, String> remarksOf(String userId) {
        String prefix = userId + "/";
        Map<String, String> remarks = new LinkedHashMap<>();
        metadata.scan(namespace, prefix).forEach((key, remark) -> remarks.put(key.substring(prefix.length()), remark));
        return remarks;
    }

    private static String key(String userId, String other) {
        return userId + "/" + other;
    }
}
