package io.parley.bench.jmh.storage;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.storage.embedded.EmbeddedStorageConfig;
import io.parley.kernel.storage.embedded.EmbeddedStorageProvider;
import io.parley.storage.postgres.PostgresMetrics;
import io.parley.storage.postgres.PostgresStorageConfig;
import io.parley.storage.postgres.PostgresStorageProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends per second on one node, PostgreSQL storage against the embedded store (message log + MapDB,
 * fsync), in the same run: 8 writer threads, each with a window of {@value #WINDOW} appends in flight (300-byte
 * content), so both group committers batch across threads as under load. {@code inboxes=2} is a private chat
 * (two inbox entries per message); {@code inboxes=0} a group message, which groups read by diffusion: one append to
 * the group's log and no inbox entry, whatever the group's size.
 *
 * <p>PostgreSQL is the one {@code bash scripts/test-services.sh} starts ({@code jdbc:postgresql://127.0.0.1:5432/parley_test},
 * user and password {@code parley}), or the one named by {@code BENCH_POSTGRES_URL}, {@code BENCH_POSTGRES_USER} and
 * {@code BENCH_POSTGRES_PASSWORD}; each trial uses a fresh schema, dropped afterwards. Run:
 * {@code java -jar im-bench/target/parley-bench.jar jmh StorageBackendBenchmark -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class StorageBackendBenchmark {
    static final int WINDOW = 16;
    private static final String CONTENT = "{\"content\":\"" + "x".repeat(285) + "\"}";
    private static final String URL = env("BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test");
    private static final String USER = env("BENCH_POSTGRES_USER", "parley");
    private static final String PASSWORD = env("BENCH_POSTGRES_PASSWORD", "parley");

    @Param({"embedded", "postgres"})
    public String storage;

    @Param({"2", "0"})
    public int inboxes;

    private Path dir;
    private String schema;
    private StorageProvider provider;
    private final AtomicLong ids = new AtomicLong();

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        if (storage.equals("postgres")) {
            schema = "bench_" + ProcessHandle.current().pid() + "_" + inboxes;
            provider = new PostgresStorageProvider(PostgresStorageConfig.defaults(URL, USER, PASSWORD, schema),
                    PostgresMetrics.none());
        } else {
            dir = Files.createTempDirectory("parley-bench-storage");
            provider = new EmbeddedStorageProvider(EmbeddedStorageConfig.defaults(dir));
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException, SQLException {
        provider.close();
        if (schema != null) {
            try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public void appendWindow() {
        CompletableFuture<?>[] window = new CompletableFuture<?>[WINDOW];
        long thread = Thread.currentThread().getId() % 64;
        for (int i = 0; i < WINDOW; i++) {
            long id = ids.incrementAndGet();
            String from = "u" + thread;
            String peer = "p" + (id % 500);
            List<String> owners = inboxes == 2 ? List.of(from, peer) : List.of();
            ConversationKey conversation = inboxes == 2 ? ConversationKey.privateChat(from, peer)
                    : new ConversationKey(ConversationType.GROUP, "g" + (id % 50));
            Message message = new Message(conversation, from, conversation.id(), "RC:TxtMsg", CONTENT,
                    Optional.empty(), Optional.empty(), true, true, "c" + id, Optional.empty(), 0, "UID-" + id,
                    System.currentTimeMillis());
            window[i] = provider.messages().append(new AppendRequest(message, owners,
                    from + ":c" + id)).toCompletableFuture();
        }
        CompletableFuture.allOf(window).join();
    }
}
