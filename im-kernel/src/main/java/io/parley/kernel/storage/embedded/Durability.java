package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import java.util.Locale;

/**
 * When the embedded store considers a commit batch done. Immutable.
 */
public enum Durability {
    /** Write the batch, then {@code FileChannel.force}: an acked message survives a power loss. */
    FSYNC("fsync"),
    /** Write the batch to the OS and ack without forcing it: survives a process crash, not a power loss. */
    COMMIT_NO_SYNC("commit-no-sync"),
    /**
     * Keep nothing on disk: the factory opens the {@code memory} provider instead (the same as
     * {@code storage.provider=memory}); an ack means "in this process's memory", and a restart loses all.
     */
    MEMORY("memory");

    private final String configName;

    Durability(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Parses the config value; unknown values fail with {@code INVALID_PARAMETER}. */
    public static Durability parse(String key, String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Durability durability : values()) {
            if (durability.configName.equals(wanted)) {
                return durability;
            }
        }
        throw ImException.invalidParameter(
                "config " + key + " must be fsync, commit-no-sync or memory, was '" + text + "'");
    }
}
