package io.parley.builtin.receipt;

import io.parley.api.storage.MetadataStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** Who has read which group message, and when: kept in the metadata store. Thread-safe; blocks on storage. */
public final class ReadReceipts {
    static final String NAMESPACE = "kernel.receipts";

    private final MetadataStore metadata;

    public ReadReceipts(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /** Records that {@code readerId} read the message; the first time counts. */
    public void record(String messageUid, String readerId, long time) {
        String key = messageUid + "/" + readerId;
        if (metadata.get(NAMESPACE, key).isEmpty()) {
            metadata.put(NAMESPACE, key, Long.toString(time));
        }
    }

    /** Readers and when they read, in reader-id order. */
    public Map<String, Long> readers(String messageUid) {
        Map<String, Long> readers = new LinkedHashMap<>();
        metadata.scan(NAMESPACE, messageUid + "/").forEach((key, time) ->
                readers.put(key.substring(messageUid.length() + 1), Long.parseLong(time)));
        return readers;
    }
}
