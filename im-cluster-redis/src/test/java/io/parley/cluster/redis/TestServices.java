package io.parley.cluster.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL and Redis the cluster tests run against, as {@code bash scripts/test-services.sh} starts them
 * (PostgreSQL {@code parley_test} as {@code parley}/{@code parley} on 127.0.0.1:5432, Redis on 127.0.0.1:6379), or
 * as {@code TEST_POSTGRES_URL}, {@code TEST_POSTGRES_USER}, {@code TEST_POSTGRES_PASSWORD} and {@code TEST_REDIS_URI}
 * name them. A test that finds either down fails, saying how to start it: these tests never skip.
 */
final class TestServices {
    static final String POSTGRES_URL = env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test");
    static final String POSTGRES_USER = env("TEST_POSTGRES_USER", "parley");
    static final String POSTGRES_PASSWORD = env("TEST_POSTGRES_PASSWORD", "parley");
    static final String REDIS_URI = env("TEST_REDIS_URI", "redis://127.0.0.1:6379");
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String HOW_TO_START = ". Run `bash scripts/test-services.sh` to install and start PostgreSQL"
            + " and Redis on 127.0.0.1, or set TEST_POSTGRES_URL, TEST_POSTGRES_USER, TEST_POSTGRES_PASSWORD and"
            + " TEST_REDIS_URI to running ones.";

    private TestServices() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A name unique to this test run, usable as a PostgreSQL schema and a Redis key prefix. */
    static String uniqueName(String hint) {
        return ("c_" + hint + "_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "");
    }

    static void requireRedis() {
        RedisClient client = RedisClient.create(RedisURI.create(REDIS_URI));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.setTimeout(Duration.ofSeconds(5));
            connection.sync().ping();
        } catch (RuntimeException e) {
            throw new AssertionError("No Redis for the tests at " + REDIS_URI + ": " + e.getMessage() + HOW_TO_START, e);
        } finally {
            client.shutdown();
        }
    }

    static Connection postgres() throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", POSTGRES_USER);
        properties.setProperty("password", POSTGRES_PASSWORD);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(POSTGRES_URL, properties);
    }

    static void requirePostgres() {
        try (Connection connection = postgres()) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new AssertionError("No PostgreSQL for the tests at " + POSTGRES_URL + " (user " + POSTGRES_USER
                    + "): " + e.getMessage() + HOW_TO_START, e);
        }
    }

    static void dropSchema(String schema) {
        try (Connection connection = postgres(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
