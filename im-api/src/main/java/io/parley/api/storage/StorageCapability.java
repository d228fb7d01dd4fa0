package io.parley.api.storage;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.util.Set;

/**
 * Optional abilities of a storage provider. A provider declares the ones it has in
 * {@link StorageProvider#capabilities()}; an operation guarded by a capability the provider does not declare
 * throws {@code ImException} with {@code CAPABILITY_NOT_SUPPORTED} (33011). The compliance suite in
 * {@code im-testkit} checks both directions.
 */
public enum StorageCapability {
    /** Data survives a restart of the process. */
    PERSISTENT,
    /** An append is on stable storage (fsynced) before its stage completes. */
    DURABLE_BEFORE_ACK,
    /** {@link MessageStore#seqAtTime}: finding a conversation's seq by sent time, for reads by time. */
    HISTORY_BY_TIME,
    /** {@link MessageStore#deleteMessage}: removing one message from every read. */
    DELETE_MESSAGE,
    /** {@link MessageStore#cleanHistory}: removing a conversation's messages up to a time. */
    CLEAN_HISTORY,
    /** {@link MessageStore#expire}: dropping inbox entries and messages past their retention window. */
    RETENTION,
    /** {@link MessageStore#scanByTime}: every message sent in a time range, across conversations (exports). */
    SCAN_BY_TIME;

    /**
     * Throws {@code ImException(CAPABILITY_NOT_SUPPORTED)} unless {@code declared} holds this capability; a
     * provider calls it at the top of each guarded operation.
     */
    public void requireIn(Set<StorageCapability> declared) {
        if (!declared.contains(this)) {
            throw new ImException(StandardErrorCode.CAPABILITY_NOT_SUPPORTED,
                    "the storage provider does not support " + name());
        }
    }
}
