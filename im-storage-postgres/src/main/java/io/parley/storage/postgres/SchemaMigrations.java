package io.parley.storage.postgres;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a schema to the version this code needs, at startup: each migration is a numbered SQL file on the
 * class path ({@code migration/V<n>__<what>.sql} beside this class), applied once, in order, and recorded in
 * {@code parley_schema_version}. All pending migrations run in one transaction under an advisory lock, so nodes
 * starting together apply each exactly once, and a failed migration leaves the schema as it was (PostgreSQL's
 * DDL is transactional). A schema newer than this code fails startup rather than being written by old code.
 *
 * <p>Why our own runner rather than Flyway: forward-only SQL files in one schema are all we need, the whole
 * runner is this class, and it adds no dependency (Flyway 13 brings a core and a per-database module).
 */
final class SchemaMigrations {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
    /** Advisory lock key shared by every Parley node of one database ("Parley" in ASCII). */
    private static final long LOCK_KEY = 0x5061726c6579L;

    /** The migrations, in version order; version n is the n-th file. Append, never edit a released one. */
    static final List<String> FILES = List.of("V1__messages_inboxes_metadata.sql");

    private SchemaMigrations() {
    }

    /** Creates {@code schema} if missing and applies the migrations it lacks; returns its version afterwards. */
    static int migrate(DataSource dataSource, String schema) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
                statement.execute("SET LOCAL search_path TO \"" + schema + "\"");
                statement.execute("CREATE TABLE IF NOT EXISTS parley_schema_version (version INT PRIMARY KEY,"
                        + " file TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
                int current = currentVersion(statement);
                if (current > FILES.size()) {
                    throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "PostgreSQL schema " + schema
                            + " is at version " + current + ", newer than this Parley knows (" + FILES.size()
                            + "); run a Parley at least as new as the one that migrated it");
                }
                for (int version = current + 1; version <= FILES.size(); version++) {
                    String file = FILES.get(version - 1);
                    statement.execute(read(file));
                    try (PreparedStatement record = connection.prepareStatement(
                            "INSERT INTO parley_schema_version (version, file) VALUES (?, ?)")) {
                        record.setInt(1, version);
                        record.setString(2, file);
                        record.executeUpdate();
                    }
                    log.info("storage: PostgreSQL schema {} migrated to version {} ({})", schema, version, file);
                }
            }
            connection.commit();
            return FILES.size();
        } catch (SQLException e) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "could not migrate PostgreSQL schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM parley_schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String read(String file) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("migration/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file, e);
        }
    }
}
