package io.parley.plugin.ultragroup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.model.Message;
import io.parley.api.storage.MetadataStore;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expansion (key-value) values of ultragroup messages, as the history endpoints show them in
 * {@code extraContent}. Expansion belongs to the kernel, which writes every change into the channel as a
 * {@value #CHANGE_NOTE} message ({@code {messageUId, put:{k:{v,ts}}, del:[k]}}, see {@code docs/protocol.md});
 * the fan-out hands those notes here and this class keeps each message's current values under
 * {@code ultragroup.expansions}. So the plugin reads no kernel state, and a change shows a few milliseconds
 * after it commits. Thread-safe; blocks on storage.
 */
final class Expansions {
    static final String CHANGE_NOTE = "Parley:ExpansionChange";
    private static final String NAMESPACE = "ultragroup.expansions"; // messageUid -> {key: value}
    private static final TypeReference<TreeMap<String, String>> VALUES = new TypeReference<>() {
    };

    private final MetadataStore store;

    Expansions(MetadataStore store) {
        this.store = store;
    }

    /** The current values of a message, in key order; empty when it has none. */
    Map<String, String> of(String messageUid) {
        return store.get(NAMESPACE, messageUid).map(Expansions::parse).orElseGet(TreeMap::new);
    }

    /** Applies a committed {@value #CHANGE_NOTE}. */
    synchronized void changed(Message note) {
        JsonNode change;
        try {
            change = MetadataRecords.JSON.readTree(note.content());
        } catch (IOException e) {
            return; // the kernel writes these notes; a malformed one changes nothing
        }
        String messageUid = change.path("messageUId").asText("");
        if (messageUid.isEmpty()) {
            return;
        }
        TreeMap<String, String> values = new TreeMap<>(of(messageUid));
        change.path("put").fields().forEachRemaining(entry ->
                values.put(entry.getKey(), entry.getValue().path("v").asText("")));
        change.path("del").forEach(key -> values.remove(key.asText()));
        if (values.isEmpty()) {
            store.delete(NAMESPACE, messageUid);
        } else {
            store.put(NAMESPACE, messageUid, MetadataRecords.write(values));
        }
    }

    private static TreeMap<String, String> parse(String json) {
        try {
            return MetadataRecords.JSON.readValue(json, VALUES);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt ultragroup expansion record: " + json, e);
        }
    }
}
