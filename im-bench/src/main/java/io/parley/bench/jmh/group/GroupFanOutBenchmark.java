package io.parley.bench.jmh.group;

import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.api.route.ApiRequest;
import io.parley.kernel.http.HttpApiHandler;
import io.parley.kernel.message.MessagePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Group messages stored per second for a group of {@code members}, through the kernel's whole write path
 * (validation, the group's membership check, interceptors, a durable fsync group commit on the embedded store,
 * delivery to online members: none here). Groups are read by diffusion, so each message is one append to the
 * group's log whatever the group's size; before, each wrote one inbox entry per member, and this benchmark showed
 * the cost growing with {@code members}. Each invocation publishes a batch of 20 messages to one group and waits
 * for all of them, so the score is group messages per second. No device is connected: this is the storage side of
 * fan-out alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class GroupFanOutBenchmark {
    private static final int BATCH = 20;

    @Param({"10", "500", "3000"})
    public int members;

    private Path dataDir;
    private ParleyServer server;
    private MessagePipeline pipeline;
    private final AtomicLong sequence = new AtomicLong();

    @Setup(Level.Trial)
    public void start() throws IOException {
        dataDir = Files.createTempDirectory("parley-group-bench");
        server = Parley.builder().isolated().discoverPlugins(false).config(Map.of("http.port", "0", "tcp.port", "0",
                "bind.host", "127.0.0.1", "data.dir", dataDir.toString(), "app.key", "bench", "app.secret", "bench",
                "group.notifications", "false")).build().start();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            ids.add("member" + i);
        }
        createGroup(server, "bench-group", "Bench", ids);
        pipeline = server.kernelObject(MessagePipeline.class);
    }

    /**
     * Creates group {@code groupId} with {@code members} through the server API ({@code /group/create.json}, then
     * {@code /group/join.json}: at most 1,000 users a call), run in this JVM.
     */
    static void createGroup(ParleyServer server, String groupId, String name, List<String> members) {
        HttpApiHandler api = server.kernelObject(HttpApiHandler.class);
        for (int from = 0; from < members.size(); from += 1000) {
            Map<String, List<String>> form = Map.of("groupId", List.of(groupId), "groupName", List.of(name),
                    "userId", List.copyOf(members.subList(from, Math.min(members.size(), from + 1000))));
            String path = from == 0 ? "/group/create.json" : "/group/join.json";
            api.callRoute(new ApiRequest(path, form, Optional.empty()));
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        server.stop();
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publishToGroup() {
        List<CompletableFuture<?>> sends = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            sends.add(pipeline.send(new OutgoingMessage(ConversationType.GROUP, "member0", "bench-group", "RC:TxtMsg",
                    "{\"content\":\"hello group\"}", Optional.empty(), Optional.empty(), true, true, true,
                    "bench-" + sequence.incrementAndGet(), Optional.empty()), ""));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }
}
