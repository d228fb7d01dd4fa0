package io.parley.plugin.push.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.api.storage.MetadataStore;
import io.parley.plugin.push.http.VendorHttp;
import java.util.Optional;

/** Users' quiet periods, in the metadata store under {@code push.quiet-hours}. Thread-safe; blocks on storage. */
public final class QuietHoursStore {
    static final String NAMESPACE = "push.quiet-hours";

    private final MetadataStore metadata;

    public QuietHoursStore(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public Optional<QuietHours> get(String userId) {
        return metadata.get(NAMESPACE, userId).map(json -> {
            try {
                return VendorHttp.JSON.readValue(json, QuietHours.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("corrupt quiet hours record: " + json, e);
            }
        });
    }

    public void set(String userId, QuietHours hours) {
        metadata.put(NAMESPACE, userId, VendorHttp.json(hours));
    }

    public void delete(String userId) {
        metadata.delete(NAMESPACE, userId);
    }
}
