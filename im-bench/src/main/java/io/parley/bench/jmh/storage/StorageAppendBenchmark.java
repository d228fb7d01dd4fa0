package io.parley.bench.jmh.storage;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.storage.embedded.Durability;
import io.parley.kernel.storage.embedded.EmbeddedStorageConfig;
import io.parley.kernel.storage.embedded.EmbeddedStorageProvider;
import io.parley.kernel.storage.embedded.RawLogBaseline;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Measurement;

/**
 * Durable appends per second for each durability mode ({@code fsync}, {@code commit-no-sync}, {@code memory}),
 * and for {@code raw-log}: the message log alone (the same committer, encoding, write and fsync per batch, no
 * seqs, keys or index; {@link RawLogBaseline}), so that the store's cost over the log shows as a ratio in the same
 * run. 8 writer threads, each submitting a window of private-chat appends (300-byte content, two
 * inbox owners) and waiting for all their acks (window 64 by default; {@code -p window=16} for
 * fewer in flight), so the group committer batches across threads as it does under
 * load. Run: {@code java -jar im-bench/target/parley-bench.jar jmh StorageAppendBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class StorageAppendBenchmark {
    /** The most appends one thread keeps in flight: it submits a window and waits for all of them. */
    static final int MAX_WINDOW = 64;
    private static final String CONTENT = "{\"content\":\"" + "x".repeat(285) + "\"}";

    @Param({"raw-log", "fsync", "commit-no-sync", "memory"})
    public String durability;

    /** Appends each of the 8 threads has in flight: 64 × 8 = 512, as a busy server with many senders has. */
    @Param({"64"})
    public int window;

    private Path dir;
    private StorageProvider provider;
    private RawLogBaseline rawLog;
    private final AtomicLong ids = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws IOException {
        if (window < 1 || window > MAX_WINDOW || MAX_WINDOW % window != 0) {
            throw new IllegalArgumentException("window must divide " + MAX_WINDOW + " (1, 2, 4, … " + MAX_WINDOW
                    + "), so that each invocation is " + MAX_WINDOW + " appends: " + window);
        }
        dir = Files.createTempDirectory("parley-bench-storage");
        if (durability.equals("raw-log")) {
            rawLog = new RawLogBaseline(dir, EmbeddedStorageConfig.DEFAULT_MAX_BATCH);
            return;
        }
        Durability mode = Durability.parse("durability", durability);
        provider = mode == Durability.MEMORY ? new MemoryStorageProvider()
                : new EmbeddedStorageProvider(EmbeddedStorageConfig.defaults(dir).withDurability(mode));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (rawLog != null) {
            rawLog.close();
        } else {
            provider.close();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MAX_WINDOW)
    public void appendWindow() {
        // a window of MAX_WINDOW appends, `window` of them in flight at a time
        for (int done = 0; done < MAX_WINDOW; done += window) {
            appendAndWait(window);
        }
    }

    private void appendAndWait(int count) {
        CompletableFuture<?>[] pending = new CompletableFuture<?>[count];
        long thread = Thread.currentThread().getId() % 64;
        for (int i = 0; i < count; i++) {
            long id = ids.incrementAndGet();
            String from = "u" + thread;
            String to = "u" + (id % 500);
            ConversationKey chat = ConversationKey.privateChat(from, to);
            Message message = new Message(chat, from, to, "RC:TxtMsg", CONTENT, Optional.empty(), Optional.empty(),
                    true, true, "c" + id, Optional.empty(), 0, "UID-" + id, System.currentTimeMillis());
            AppendRequest request = new AppendRequest(message, List.of(from, to), from + ":c" + id);
            pending[i] = rawLog != null ? rawLog.append(request)
                    : provider.messages().append(request).toCompletableFuture();
        }
        CompletableFuture.allOf(pending).join();
    }
}
