package io.parley.bench.jmh.client;

import io.parley.api.model.ConversationType;
import io.parley.client.ReceivedMessage;
import io.parley.client.SyncPosition;
import io.parley.client.store.LocalStore;
import io.parley.client.store.LocalStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
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
 * What keeping messages costs the Java SDK: one sync page of 200 messages (half English, half Chinese, the mix of
 * {@link LocalStoreSearchBenchmark}) written to the local store, into a store that grows from empty. The score is
 * milliseconds a page. {@code keepOneSyncPage} is what the client's callback thread pays before the listeners run
 * (messages, conversations, cursor and index queue in one commit), with the store's background indexer busy
 * alongside, as in a first sync; {@code keepAndIndexOneSyncPage} waits for the indexer too (the whole cost of a page,
 * searchable). Run: {@code java -jar im-bench/target/parley-bench.jar jmh LocalStoreWriteBenchmark -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class LocalStoreWriteBenchmark {
    static final int PAGE = 200;

    @Param({"file", "memory"})
    public String store;

    private Path dir;
    private LocalStore local;
    private final Random random = new Random(7);
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("parley-local-store-write-bench");
        local = store.equals("file") ? LocalStores.mapDb(dir, "bench-app", "me") : LocalStores.inMemory("bench-app", "me");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        local.wipe();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Benchmark
    public void keepOneSyncPage() {
        keep();
    }

    @Benchmark
    public boolean keepAndIndexOneSyncPage() throws InterruptedException {
        keep();
        if (!local.awaitIndexed(Duration.ofMinutes(5))) {
            throw new IllegalStateException("not indexed within 5 minutes");
        }
        return true;
    }

    private void keep() {
        List<ReceivedMessage> page = new ArrayList<>(PAGE);
        for (int i = 0; i < PAGE; i++) {
            long n = ++next;
            String text = n % 2 == 0 ? LocalStoreSearchBenchmark.english(random) : LocalStoreSearchBenchmark.chinese(random);
            page.add(new ReceivedMessage(n, ConversationType.PRIVATE, "friend" + random.nextInt(10), "friend",
                    "RC:TxtMsg", "{\"content\":\"" + text + "\"}", null, null, "uid-" + n, 0,
                    1_700_000_000_000L + n * 1000, null, true, true));
        }
        local.received(page, SyncPosition.inbox(next));
    }
}
