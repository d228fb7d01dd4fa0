package io.parley.client.store;

/**
 * The sortable keys of the store's tables. A message's <i>entry</i> is {@code <sentTime, 13 digits> \1 <messageUid>
 * \1 <conversation key>}: entries sort by time, and carry the conversation so that a filter needs no lookup. The
 * timeline holds every entry; a posting holds {@code <token> \0 <entry>}; a conversation's history holds
 * {@code <conversation key> \0 <entry>}.
 */
final class MessageKeys {
    static final char SEP = '\u0001';
    static final char TOKEN_END = '\u0000';

    private MessageKeys() {
    }

    static String entry(StoredMessage m) {
        return time(m.sentTime()) + SEP + m.messageUid() + SEP + m.conversation().key();
    }

    /** The lowest entry sent at {@code sentTime} or later. */
    static String time(long sentTime) {
        String digits = Long.toString(Math.max(0, Math.min(sentTime, 9_999_999_999_999L)));
        return "0".repeat(13 - digits.length()) + digits;
    }

    static long sentTime(String entry) {
        return Long.parseLong(entry.substring(0, 13));
    }

    static String messageUid(String entry) {
        int first = entry.indexOf(SEP);
        return entry.substring(first + 1, entry.indexOf(SEP, first + 1));
    }

    static String conversationKey(String entry) {
        int first = entry.indexOf(SEP);
        return entry.substring(entry.indexOf(SEP, first + 1) + 1);
    }

    static String posting(String token, String entry) {
        return token + TOKEN_END + entry;
    }

    static String history(String conversationKey, String entry) {
        return conversationKey + TOKEN_END + entry;
    }
}
