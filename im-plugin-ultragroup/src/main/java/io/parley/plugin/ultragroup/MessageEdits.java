package io.parley.plugin.ultragroup;

import static io.parley.plugin.ultragroup.MetadataRecords.read;
import static io.parley.plugin.ultragroup.MetadataRecords.write;

import java.util.Optional;

/**
 * The current version of each edited (or recalled, or deleted) ultragroup message, in {@code ultragroup.edits}
 * (msgUID → {@link Edit}). Thread-safe; blocks on storage.
 */
final class MessageEdits {
    private static final String EDITS = "ultragroup.edits";            // messageUid -> Edit

    /** The current version of an edited (or recalled) message. */
    record Edit(String content, String objectName, int version, long editTime, boolean recalled, boolean deleted,
            String operator) {
    }

    private final MetadataRecords records;

    MessageEdits(MetadataRecords records) {
        this.records = records;
    }

    Optional<Edit> edit(String messageUid) {
        return records.get(EDITS, messageUid).map(json -> read(json, Edit.class));
    }

    void putEdit(String messageUid, Edit edit) {
        records.put(EDITS, messageUid, write(edit));
    }
}
