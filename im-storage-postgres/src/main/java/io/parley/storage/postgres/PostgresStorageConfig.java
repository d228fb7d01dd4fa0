package io.parley.storage.postgres;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The validated settings of the PostgreSQL storage provider, read from {@code storage.postgres.*}. Immutable;
 * the compact constructor rejects bad values with an {@code INVALID_PARAMETER} {@link ImException}.
 *
 * @param url the JDBC URL ({@code jdbc:postgresql://host:5432/database}); required
 * @param user the database role
 * @param password its password (masked in the startup log)
 * @param schema the schema holding Parley's tables; created at startup if missing
 * @param poolSize the most connections this node opens (HikariCP's maximum pool size)
 * @param maxBatch the most appends committed by one transaction of the group committer
 * @param connectTimeout how long a caller waits for a pooled connection before failing with STORAGE_UNAVAILABLE
 * @param deleteBatch the most rows one retention, clean or delete transaction removes, so none holds locks long
 */
public record PostgresStorageConfig(String url, String user, String password, String schema, int poolSize,
        int maxBatch, Duration connectTimeout, int deleteBatch) {

    public static final String DEFAULT_SCHEMA = "public";
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final int DEFAULT_MAX_BATCH = 500;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_DELETE_BATCH = 1000;
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresStorageConfig {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw ImException.invalidParameter(
                    "config storage.postgres.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), was '"
                            + url + "'");
        }
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw ImException.invalidParameter("config storage.postgres.schema must be a lower-case SQL name"
                    + " (letters, digits, underscores), was '" + schema + "'");
        }
        if (poolSize < 2) {
            throw ImException.invalidParameter(
                    "config storage.postgres.pool-size must be at least 2 (one for the committer), was " + poolSize);
        }
        if (maxBatch < 1) {
            throw ImException.invalidParameter("config storage.postgres.max-batch must be at least 1, was " + maxBatch);
        }
        if (connectTimeout.toMillis() < 250) {
            throw ImException.invalidParameter(
                    "config storage.postgres.connect-timeout must be at least 250ms, was " + connectTimeout);
        }
        if (deleteBatch < 1) {
            throw ImException.invalidParameter(
                    "config storage.postgres.delete-batch must be at least 1, was " + deleteBatch);
        }
    }

    /** Defaults for everything but where the database is. */
    public static PostgresStorageConfig defaults(String url, String user, String password, String schema) {
        return new PostgresStorageConfig(url, user, password, schema, DEFAULT_POOL_SIZE, DEFAULT_MAX_BATCH,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_DELETE_BATCH);
    }

    /** Reads the provider's subtree ({@code storage.postgres}, keys without prefix). */
    public static PostgresStorageConfig from(PluginConfig config) {
        String url = config.get("url").map(String::trim).orElseThrow(() -> ImException.invalidParameter(
                "storage.provider=postgres needs storage.postgres.url (e.g. jdbc:postgresql://127.0.0.1:5432/parley)"));
        return new PostgresStorageConfig(url, config.get("user", "parley").trim(), config.getSecret("password", ""),
                config.get("schema", DEFAULT_SCHEMA).trim(), config.getInt("pool-size", DEFAULT_POOL_SIZE),
                config.getInt("max-batch", DEFAULT_MAX_BATCH),
                config.getDuration("connect-timeout", DEFAULT_CONNECT_TIMEOUT),
                config.getInt("delete-batch", DEFAULT_DELETE_BATCH));
    }

    @Override
    public String toString() {
        return "PostgresStorageConfig[url=" + url + ", user=" + user + ", schema=" + schema + ", poolSize=" + poolSize
                + ", maxBatch=" + maxBatch + ", connectTimeout=" + connectTimeout + ", deleteBatch=" + deleteBatch + "]";
    }
}
