package io.parley.storage.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL the tests run against: {@code jdbc:postgresql://127.0.0.1:5432/parley_test} as {@code parley}
 * (password {@code parley}), which {@code bash scripts/test-services.sh} installs, starts and creates; or the
 * database named by the environment variables {@code TEST_POSTGRES_URL}, {@code TEST_POSTGRES_USER} and
 * {@code TEST_POSTGRES_PASSWORD} (not {@code PARLEY_*}: the server reads those as its own config and refuses
 * unknown ones). Each test gets a schema of its own, so tests never see each other's rows. When no database
 * answers, {@link #requireReachable()} fails the test with a message that says how to start one: these tests
 * never skip silently.
 */
final class PostgresTestDatabase {
    static final String URL = env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test");
    static final String USER = env("TEST_POSTGRES_USER", "parley");
    static final String PASSWORD = env("TEST_POSTGRES_PASSWORD", "parley");
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private PostgresTestDatabase() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A fresh, unique schema name for one test (created by the provider's migrations when it opens). */
    static String newSchema(String hint) {
        requireReachable();
        String name = "t_" + hint.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT) + "_"
                + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        return name.length() > 63 ? name.substring(name.length() - 63) : name;
    }

    /** Settings for a provider on {@code schema}, with a small pool and batch so tests exercise both. */
    static PostgresStorageConfig config(String schema) {
        return new PostgresStorageConfig(URL, USER, PASSWORD, schema, 4, 64, java.time.Duration.ofSeconds(10), 3);
    }

    static PostgresStorageProvider open(String schema) {
        return new PostgresStorageProvider(config(schema), PostgresMetrics.none());
    }

    static void dropSchema(String schema) {
        if (schema == null) {
            return;
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }

    static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(URL, properties);
    }

    /** Fails, with how to fix it, unless the test database answers. */
    static void requireReachable() {
        try (Connection connection = connect()) {
            connection.isValid(5);
        } catch (SQLException e) {
            String reason = e.getMessage().replaceAll("\\.+$", "");
            throw new AssertionError("No PostgreSQL for the tests at " + URL + " (user " + USER + "): " + reason
                    + ". Run `bash scripts/test-services.sh` to install PostgreSQL from Debian's packages, start it on"
                    + " 127.0.0.1:5432 and create the parley_test database and parley role; or set TEST_POSTGRES_URL,"
                    + " TEST_POSTGRES_USER and TEST_POSTGRES_PASSWORD to another database.", e);
        }
    }
}
