package io.parley.plugin.push.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.api.storage.MetadataStore;
import io.parley.plugin.push.http.VendorHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Users' device tokens, in the storage SPI's metadata store under {@code push.tokens}, keyed
 * {@code <userId>/<vendor>/<token>}: a user has any number, a re-registration replaces the same token's
 * record. Thread-safe; blocks on storage.
 */
public final class DeviceTokenStore {
    static final String NAMESPACE = "push.tokens";
    /** Tokens per page when walking them all. */
    static final int PAGE_SIZE = 1000;

    private final MetadataStore metadata;

    public DeviceTokenStore(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public void register(DeviceToken token) {
        metadata.put(NAMESPACE, key(token.userId(), token.vendor(), token.token()), VendorHttp.json(token));
    }

    /** Removes a token; true when it was there. */
    public boolean remove(String userId, String vendor, String token) {
        String key = key(userId, vendor, token);
        if (metadata.get(NAMESPACE, key).isEmpty()) {
            return false;
        }
        metadata.delete(NAMESPACE, key);
        return true;
    }

    public List<DeviceToken> tokens(String userId) {
        List<DeviceToken> tokens = new ArrayList<>();
        metadata.scan(NAMESPACE, userId + "/").values().forEach(json -> tokens.add(read(json)));
        return tokens;
    }

    /**
     * Walks every registered token, {@value #PAGE_SIZE} at a time in key order, so that a push to everyone
     * never holds more than one page in memory.
     */
    public void forEachPage(Consumer<List<DeviceToken>> page) {
        String after = "";
        while (true) {
            Map<String, String> entries = metadata.scanPage(NAMESPACE, "", after, PAGE_SIZE);
            if (entries.isEmpty()) {
                return;
            }
            List<DeviceToken> tokens = new ArrayList<>(entries.size());
            entries.values().forEach(json -> tokens.add(read(json)));
            page.accept(tokens);
            if (entries.size() < PAGE_SIZE) {
                return;
            }
            after = lastKey(entries);
        }
    }

    private static String lastKey(Map<String, String> entries) {
        String last = "";
        for (String key : entries.keySet()) {
            last = key;
        }
        return last;
    }

    /**
     * Removes a token the vendor called invalid at {@code invalidSince} (epoch ms), unless it was registered
     * again after that: the app got the same token back. True when it was removed.
     */
    public boolean removeInvalid(String userId, String vendor, String token, java.util.OptionalLong invalidSince) {
        String key = key(userId, vendor, token);
        java.util.Optional<DeviceToken> stored = metadata.get(NAMESPACE, key).map(DeviceTokenStore::read);
        if (stored.isEmpty()
                || invalidSince.isPresent() && stored.get().registeredAt() > invalidSince.getAsLong()) {
            return false;
        }
        metadata.delete(NAMESPACE, key);
        return true;
    }

    private static String key(String userId, String vendor, String token) {
        return userId + "/" + vendor + "/" + token;
    }

    private static DeviceToken read(String json) {
        try {
            return VendorHttp.JSON.readValue(json, DeviceToken.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt device token record: " + json, e);
        }
    }
}
