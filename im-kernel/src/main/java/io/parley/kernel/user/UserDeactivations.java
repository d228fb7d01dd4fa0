package io.parley.kernel.user;

import static java.util.Objects.requireNonNull;

import io.parley.api.storage.MetadataStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The deactivated ("abandoned") users, kept in the metadata store so that they stay deactivated across restarts:
 * namespace {@value #NAMESPACE}, key the user id, value the deactivation time (epoch ms). A deactivated user keeps
 * its id, profile, messages and group memberships; it may only not connect ({@link DeactivatedUserGuard}) until it
 * is reactivated. Thread-safe; every method blocks on storage.
 */
@Singleton
public final class UserDeactivations {
    static final String NAMESPACE = "kernel.user-deactivations";

    private final MetadataStore metadata;

    @Inject
    public UserDeactivations(MetadataStore metadata) {
        this.metadata = requireNonNull(metadata, "metadata is null");
    }

    /** Deactivates the user; a user already deactivated keeps its first deactivation time. */
    public void deactivate(String userId, long nowMillis) {
        if (!isDeactivated(userId)) {
            metadata.put(NAMESPACE, userId, Long.toString(nowMillis));
        }
    }

    /** Reactivates the user; nothing happens for a user that is not deactivated. */
    public void reactivate(String userId) {
        if (isDeactivated(userId)) {
            metadata.delete(NAMESPACE, userId);
        }
    }

    public boolean isDeactivated(String userId) {
        return metadata.get(NAMESPACE, userId).isPresent();
    }

    /** Up to {@code limit} deactivated user ids after the first {@code offset}, in id order. */
    public List<String> page(long offset, int limit) {
        return metadata.scan(NAMESPACE, "").keySet().stream().skip(offset).limit(limit).toList();
    }
}
