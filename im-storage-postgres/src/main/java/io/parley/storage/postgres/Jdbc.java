package io.parley.storage.postgres;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs a unit of JDBC work on a pooled connection and turns a database failure into the SPI's error:
 * {@code ImException(STORAGE_UNAVAILABLE)} naming what failed. Thread-safe.
 */
final class Jdbc {
    private final DataSource dataSource;
    private volatile boolean closed;

    /** Work on one connection; may throw {@link SQLException}. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void close() {
        closed = true;
    }

    /** Runs {@code work} in autocommit mode (each statement its own transaction). */
    <T> T call(String what, Work<T> work) {
        checkOpen();
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    /** Runs {@code work} in one transaction, committed (synchronously) when it returns, rolled back if it throws. The pool
     * restores autocommit when the connection comes back. */
    <T> T inTransaction(String what, Work<T> work) {
        return call(what, connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        });
    }

    void checkOpen() {
        if (closed) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage is closed");
        }
    }

    static ImException unavailable(String what, SQLException e) {
        return new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                "PostgreSQL storage could not " + what + ": " + e.getMessage(), e);
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction dies with it
        }
    }
}
