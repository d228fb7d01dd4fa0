package io.parley.client.store;

import java.util.Optional;

/**
 * A search of the messages on the device. Built with {@link #keyword(String)} or {@link #all()}, then narrowed.
 *
 * @param keyword what to look for; blank to filter by the other criteria alone
 * @param conversation one conversation, or all
 * @param senderId only messages of this sender
 * @param sentFrom only messages sent at or after this time, epoch ms
 * @param sentBefore only messages sent before this time, epoch ms
 * @param before the {@link SearchPage#next()} of the previous page
 * @param limit the page size, 1–500
 */
public record SearchQuery(String keyword, Optional<ConversationId> conversation, Optional<String> senderId,
        long sentFrom, long sentBefore, Optional<String> before, int limit) {
    public SearchQuery {
        keyword = keyword == null ? "" : keyword;
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1–500: " + limit);
        }
    }

    /** Messages containing {@code keyword}, everywhere, any sender, any time, 20 a page. */
    public static Builder keyword(String keyword) {
        return new Builder(keyword);
    }

    /** Every message (narrow it with the builder), 20 a page. */
    public static Builder all() {
        return new Builder("");
    }

    /** Builds a {@link SearchQuery}. */
    public static final class Builder {
        private final String keyword;
        private ConversationId conversation;
        private String senderId;
        private long sentFrom;
        private long sentBefore = Long.MAX_VALUE;
        private String before;
        private int limit = 20;

        private Builder(String keyword) {
            this.keyword = keyword;
        }

        public Builder in(ConversationId conversation) {
            this.conversation = conversation;
            return this;
        }

        public Builder from(String senderId) {
            this.senderId = senderId;
            return this;
        }

        /** Sent at or after {@code fromMillis} and before {@code beforeMillis}. */
        public Builder sentBetween(long fromMillis, long beforeMillis) {
            this.sentFrom = fromMillis;
            this.sentBefore = beforeMillis;
            return this;
        }

        /** The page after the one whose {@link SearchPage#next()} this is. */
        public Builder before(String cursor) {
            this.before = cursor;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public SearchQuery build() {
            return new SearchQuery(keyword, Optional.ofNullable(conversation), Optional.ofNullable(senderId),
                    sentFrom, sentBefore, Optional.ofNullable(before), limit);
        }
    }
}
