package io.parley.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.MetadataStore;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code postgres} storage provider: message logs, inboxes and metadata in PostgreSQL, so that several
 * Parley nodes can share one database. Opening it connects (HikariCP pool), migrates the schema and starts the
 * group committer; it fails with {@code STORAGE_UNAVAILABLE} and a clear message when the database cannot be
 * reached. Every connection runs with {@code synchronous_commit = on}, so an append's stage completes only once
 * its transaction is flushed on the primary. Declares every capability. Thread-safe.
 */
public final class PostgresStorageProvider implements StorageProvider {
    private static final Logger log = LoggerFactory.getLogger(PostgresStorageProvider.class);
    public static final Set<StorageCapability> CAPABILITIES = Set.copyOf(EnumSet.allOf(StorageCapability.class));

    private final HikariDataSource pool;
    private final Jdbc jdbc;
    private final AppendCommitter committer;
    private final PostgresMessageStore messages;
    private final PostgresMetadataStore metadata;

    public PostgresStorageProvider(PostgresStorageConfig config, PostgresMetrics metrics) {
        pool = openPool(config);
        try {
            int version = SchemaMigrations.migrate(pool, config.schema());
            jdbc = new Jdbc(pool);
            committer = new AppendCommitter(jdbc, config.maxBatch(), metrics);
            messages = new PostgresMessageStore(jdbc, committer, new MessageRemoval(jdbc, config.deleteBatch()),
                    CAPABILITIES);
            metadata = new PostgresMetadataStore(jdbc);
            HikariPoolMXBean stats = pool.getHikariPoolMXBean();
            metrics.pool(stats::getActiveConnections, stats::getIdleConnections, stats::getThreadsAwaitingConnection);
            log.info("storage: PostgreSQL at {} schema {} (version {}), pool of {}", config.url(), config.schema(),
                    version, config.poolSize());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource openPool(PostgresStorageConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("parley-postgres");
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        hikari.setInitializationFailTimeout(config.connectTimeout().toMillis());
        // Durable before the ack, whatever the server's default: each commit waits for its WAL flush.
        // Every statement is planned for its actual arguments: a generic plan cached while a table was small
        // would keep scanning it whole once it has grown.
        hikari.setConnectionInitSql("SET synchronous_commit = on; SET plan_cache_mode = force_custom_plan");
        hikari.addDataSourceProperty("currentSchema", config.schema());
        hikari.addDataSourceProperty("ApplicationName", "parley");
        hikari.addDataSourceProperty("connectTimeout", Math.max(1, config.connectTimeout().toSeconds()));
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "cannot connect to PostgreSQL at "
                    + config.url() + " as " + config.user() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public MetadataStore metadata() {
        return metadata;
    }

    @Override
    public Set<StorageCapability> capabilities() {
        return CAPABILITIES;
    }

    /** Commits the appends queued before, then closes the pool; later calls fail with STORAGE_UNAVAILABLE. */
    @Override
    public void close() {
        committer.close();
        jdbc.close();
        pool.close();
    }
}
