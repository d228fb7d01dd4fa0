package io.parley.examples.poll;

import io.parley.api.model.ConversationKey;
import java.util.List;

/**
 * A poll as stored.
 *
 * @param conversation the storage key of the conversation it was created in: who may read that conversation may
 *     vote and read the tally
 */
record Poll(String id, ConversationKey conversation, String creator, String question, List<String> options,
        boolean closed) {
    Poll {
        options = List.copyOf(options);
    }

    Poll close() {
        return new Poll(id, conversation, creator, question, options, true);
    }
}
