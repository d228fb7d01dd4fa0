package io.parley.api.storage;

/**
 * What a retention sweep ({@link MessageStore#expire}) dropped. Immutable.
 *
 * @param inboxEntries inbox entries dropped (including those of dropped messages)
 * @param messages messages dropped from their conversation logs
 * @param bytesReclaimed disk bytes given back to the file system (0 for providers without files)
 */
public record ExpiryResult(long inboxEntries, long messages, long bytesReclaimed) {
    public static final ExpiryResult NONE = new ExpiryResult(0, 0, 0);
}
