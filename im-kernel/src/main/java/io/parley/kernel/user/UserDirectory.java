package io.parley.kernel.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.storage.MetadataStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * User profiles kept in the metadata store. Parley keeps no user system of its own: a user exists once the
 * app server has asked for a token for it. Thread-safe; methods block on storage.
 */
@Singleton
public final class UserDirectory {
    static final String NAMESPACE = "kernel.users";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore metadata;

    @Inject
    public UserDirectory(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public Optional<UserProfile> find(String userId) {
        return metadata.get(NAMESPACE, userId).map(UserDirectory::read);
    }

    /** Every registered user id, in id order. Reads the whole directory; for broadcasts. */
    public java.util.List<String> allUserIds() {
        return java.util.List.copyOf(metadata.scan(NAMESPACE, "").keySet());
    }

    /**
     * Registered user ids in id order, {@code limit} at most (1 to 1000) after {@code after} (exclusive; empty for
     * the first page): the plugins' {@code RegisteredUsers}.
     */
    public java.util.List<String> userIds(String after, int limit) {
        if (limit < 1 || limit > 1000) {
            throw io.parley.api.error.ImException.invalidParameter("limit must be 1 to 1000, not " + limit);
        }
        return java.util.List.copyOf(metadata.scanPage(NAMESPACE, "", after, limit).keySet());
    }

    /** Creates the profile or updates the given fields, keeping the creation time. */
    public UserProfile upsert(String userId, Optional<String> name, Optional<String> portraitUri, long now) {
        Optional<UserProfile> existing = find(userId);
        UserProfile profile = new UserProfile(userId,
                name.orElse(existing.map(UserProfile::name).orElse("")),
                portraitUri.orElse(existing.map(UserProfile::portraitUri).orElse("")),
                existing.map(UserProfile::createTime).orElse(now));
        if (existing.isEmpty() || !existing.get().equals(profile)) {
            metadata.put(NAMESPACE, userId, write(profile));
        }
        return profile;
    }

    private static UserProfile read(String json) {
        try {
            return JSON.readValue(json, UserProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt user profile: " + json, e);
        }
    }

    private static String write(UserProfile profile) {
        try {
            return JSON.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
