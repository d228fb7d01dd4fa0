package io.parley.bench.jmh.chatroom;

import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.bench.jmh.fanout.ListenerProcess;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.kernel.auth.TokenService;
import io.parley.kernel.message.MessagePipeline;
import io.parley.plugin.chatroom.ChatroomPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Chatroom fan-out, end to end over real TCP: a Parley server in this process with only the chatroom plugin,
 * and 10,000 members connected and joined from a second process ({@link RoomListeners}) that counts the
 * DELIVER frames it reads. One operation publishes {@code burst} messages into the room through the kernel's
 * write path (stripe, chatroom business type, ring, {@code OnlineDirectory.deliver}) and waits until every
 * member has read every one; the score is deliveries (frames read by members) per second. An operation
 * counts as {@code members × burst} deliveries, so with {@code -prof gc} the {@code gc.alloc.rate.norm} figure
 * is the bytes this process (the server) allocates per delivery. Both processes share the machine's cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(ChatroomFanOutBenchmark.MEMBERS * ChatroomFanOutBenchmark.BURST)
public class ChatroomFanOutBenchmark {
    static final int MEMBERS = 10_000;
    static final int BURST = 10;
    private static final String ROOM = "bench-room";

    @Param({"64"})
    public int contentBytes;

    private Path dataDir;
    private ParleyServer server;
    private MessagePipeline pipeline;
    private ListenerProcess listeners;
    private long expected;
    private String content;
    private final AtomicLong sends = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dataDir = Files.createTempDirectory("parley-chatroom-bench");
        server = Parley.builder().isolated().discoverPlugins(false).plugin(new ChatroomPlugin()).config(Map.ofEntries(
                Map.entry("http.port", "0"), Map.entry("tcp.port", "0"), Map.entry("bind.host", "127.0.0.1"),
                Map.entry("data.dir", dataDir.toString()), Map.entry("app.key", "bench-key"),
                Map.entry("app.secret", "bench-secret"), Map.entry("protocol.heartbeat", "3600s"),
                Map.entry("dispatch.worker-queue", "100000"),
                Map.entry("chatroom.max-messages-per-second", "100000000"))).build().start();
        pipeline = server.kernelObject(MessagePipeline.class);
        TokenService tokens = server.kernelObject(TokenService.class);
        List<String> lines = new ArrayList<>(MEMBERS);
        for (int i = 0; i < MEMBERS; i++) {
            lines.add("m" + i + " " + tokens.issue("m" + i));
        }
        Path tokenFile = dataDir.resolve("tokens.txt");
        Files.write(tokenFile, lines, StandardCharsets.UTF_8);
        listeners = ListenerProcess.start("the listeners", RoomListeners.class, "127.0.0.1",
                String.valueOf(server.tcpPort()), ROOM, tokenFile.toString());
        listeners.awaitReady(MEMBERS);
        content = "{\"content\":\"" + "x".repeat(Math.max(0, contentBytes - 15)) + "\"}";
    }

    @Benchmark
    public long fanOut() throws IOException {
        expected += (long) MEMBERS * BURST;
        listeners.expect(expected);
        CompletableFuture<?>[] published = new CompletableFuture<?>[BURST];
        for (int i = 0; i < BURST; i++) {
            published[i] = pipeline.publish(new OutgoingMessage(ConversationType.CHATROOM, "host", ROOM, "RC:TxtMsg",
                    content, Optional.empty(), Optional.empty(), true, false, false, "b" + sends.incrementAndGet(),
                    Optional.empty())).toCompletableFuture();
        }
        CompletableFuture.allOf(published).join();
        listeners.awaitDone();
        return expected;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (listeners != null) {
            listeners.close();
        }
        if (server != null) {
            server.stop();
        }
    }
}
