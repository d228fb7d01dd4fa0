package io.parley.client.store;

import java.util.List;
import java.util.Optional;

/**
 * A page of search results, newest first.
 *
 * @param messages the matches on this page
 * @param next the cursor of the next page ({@link SearchQuery.Builder#before}), empty when there is none
 */
public record SearchPage(List<StoredMessage> messages, Optional<String> next) {
    public SearchPage {
        messages = List.copyOf(messages);
    }
}
