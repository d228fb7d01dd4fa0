package io.parley.plugin.push.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.api.storage.MetadataStore;
import io.parley.plugin.push.http.VendorHttp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Users' push tags ({@code /user/tag/set.json}), the audience of a tag push: each user's tags under
 * {@code push.user-tags}, and an index of members per tag under {@code push.tag-members}
 * ({@code <tag>/<userId>}), so that a tag push reads only that tag's members. Thread-safe; blocks on storage.
 */
public final class UserTagStore {
    static final String USER_TAGS = "push.user-tags";
    static final String TAG_MEMBERS = "push.tag-members";

    private final MetadataStore metadata;

    public UserTagStore(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /** Replaces a user's tags. */
    public synchronized void set(String userId, List<String> tags) {
        for (String old : tags(userId)) {
            metadata.delete(TAG_MEMBERS, old + "/" + userId);
        }
        Set<String> unique = new LinkedHashSet<>(tags);
        if (unique.isEmpty()) {
            metadata.delete(USER_TAGS, userId);
            return;
        }
        metadata.put(USER_TAGS, userId, VendorHttp.json(unique));
        unique.forEach(tag -> metadata.put(TAG_MEMBERS, tag + "/" + userId, ""));
    }

    public List<String> tags(String userId) {
        return metadata.get(USER_TAGS, userId).map(json -> {
            try {
                return VendorHttp.JSON.readValue(json, new TypeReference<List<String>>() { });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("corrupt user tags: " + json, e);
            }
        }).orElse(List.of());
    }

    /** The users tagged {@code tag}. */
    public List<String> members(String tag) {
        List<String> users = new ArrayList<>();
        metadata.scan(TAG_MEMBERS, tag + "/").keySet().forEach(key -> users.add(key.substring(tag.length() + 1)));
        return users;
    }
}
