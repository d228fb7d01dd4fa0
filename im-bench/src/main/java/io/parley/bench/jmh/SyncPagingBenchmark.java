package io.parley.bench.jmh;

import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.kernel.message.MessagePipeline;
import io.parley.kernel.sync.SyncService;

import io.parley.protocol.body.ConversationCursor;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sync paging: one SYNC page ({@link SyncService#sync}) of {@code pageSize} messages from a user's inbox (write
 * diffusion) or from a private conversation's log (conversation cursor), over {@value #MESSAGES} stored private
 * messages, for each storage provider. Pages walk the whole history in turn, so the reads are not all hot.
 * The score is pages a second; multiply by {@code pageSize} for messages a second. Run:
 * {@code java -jar im-bench/target/parley-bench.jar jmh SyncPagingBenchmark -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SyncPagingBenchmark {
    static final int MESSAGES = 20_000;
    private static final String SENDER = "alice";
    private static final String RECEIVER = "bob";

    @Param({"embedded", "memory"})
    public String storage;

    @Param({"50", "200"})
    public int pageSize;

    private Path dataDir;
    private ParleyServer server;
    private SyncService sync;
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("parley-sync-bench");
        server = Parley.builder().isolated().discoverPlugins(false).config(Map.of("http.port", "0", "tcp.port", "0",
                "bind.host", "127.0.0.1", "data.dir", dataDir.toString(), "app.key", "bench-key",
                "app.secret", "bench-secret", "storage.provider", storage)).build().start();
        MessagePipeline pipeline = server.kernelObject(MessagePipeline.class);
        String content = "{\"content\":\"" + "x".repeat(100) + "\"}";
        for (int from = 0; from < MESSAGES; from += 1000) {
            List<CompletableFuture<?>> batch = new ArrayList<>(1000);
            for (int i = from; i < from + 1000; i++) {
                batch.add(pipeline.publish(new OutgoingMessage(ConversationType.PRIVATE, SENDER, RECEIVER,
                        "RC:TxtMsg", content, Optional.empty(), Optional.empty(), true, true, false, "s" + i,
                        Optional.empty())).toCompletableFuture());
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
        }
        sync = server.kernelObject(SyncService.class);
    }

    private long nextCursor() {
        long cursor = next;
        next = next + pageSize >= MESSAGES ? 0 : next + pageSize;
        return cursor;
    }

    /** One page of the receiver's inbox after a cursor. */
    @Benchmark
    public SyncResultBody inboxPage() {
        SyncResultBody page = sync.sync(RECEIVER, new SyncBody(nextCursor(), null, pageSize));
        if (page.inboxMessages().isEmpty()) {
            throw new IllegalStateException("empty inbox page");
        }
        return page;
    }

    /** One page of the private conversation, pulled by conversation cursor. */
    @Benchmark
    public SyncResultBody conversationPage() {
        SyncResultBody page = sync.sync(RECEIVER, new SyncBody(null,
                List.of(new ConversationCursor(ConversationType.PRIVATE.code(), SENDER, nextCursor())), pageSize));
        if (page.conversationMessages().isEmpty()) {
            throw new IllegalStateException("empty conversation page");
        }
        return page;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (server != null) {
            server.stop();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
