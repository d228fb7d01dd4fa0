package io.parley.api.storage;

/**
 * Optional abilities of a storage provider. A provider declares the ones it has; the compliance suite in
 * {@code im-testkit} checks that declared ones work and that undeclared ones fail with
 * {@code CAPABILITY_NOT_SUPPORTED}.
 */
public enum StorageCapability {
    /** Data survives a restart of the process. */
    PERSISTENT,
    /** An append is on stable storage (fsynced) before its stage completes. */
    DURABLE_BEFORE_ACK
}
