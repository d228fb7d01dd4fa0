package io.parley.plugin.moderation.users;

import static java.util.Objects.requireNonNull;

import io.parley.api.storage.MetadataStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One kind of per-user list (a blacklist or a whitelist): each owner's set of listed users, kept in a metadata
 * namespace under the key {@code owner/member} and mirrored in memory for the hot path.
 *
 * <p>Thread-safe. Reads ({@link #contains}, {@link #isEmpty}, {@link #members}) are in memory and non-blocking;
 * {@link #add} and {@link #remove} block on storage.
 */
public final class UserListStore {
    private final MetadataStore metadata;
    private final String namespace;
    private final Map<String, Set<String>> lists = new ConcurrentHashMap<>();

    public UserListStore(MetadataStore metadata, String namespace) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
        metadata.scan(namespace, "").keySet().forEach(key -> {
            int slash = key.indexOf('/');
            if (slash > 0) {
                set(key.substring(0, slash)).add(key.substring(slash + 1));
            }
        });
    }

    public void add(String owner, Collection<String> members) {
        for (String member : members) {
            metadata.put(namespace, owner + "/" + member, "1");
            set(owner).add(member);
        }
    }

    public void remove(String owner, Collection<String> members) {
        Set<String> set = lists.get(owner);
        for (String member : members) {
            metadata.delete(namespace, owner + "/" + member);
            if (set != null) {
                set.remove(member);
            }
        }
    }

    public boolean contains(String owner, String member) {
        Set<String> set = lists.get(owner);
        return set != null && set.contains(member);
    }

    public boolean isEmpty(String owner) {
        Set<String> set = lists.get(owner);
        return set == null || set.isEmpty();
    }

    /** The owner's listed users, sorted. */
    public List<String> members(String owner) {
        Set<String> set = lists.get(owner);
        return set == null ? List.of() : set.stream().sorted().toList();
    }

    private Set<String> set(String owner) {
        return lists.computeIfAbsent(owner, ignored -> ConcurrentHashMap.newKeySet());
    }
}
