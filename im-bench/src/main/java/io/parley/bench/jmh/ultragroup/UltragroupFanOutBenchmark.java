package io.parley.bench.jmh.ultragroup;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.storage.MetadataStore;
import io.parley.api.storage.StorageProvider;
import io.parley.bench.jmh.fanout.ListenerProcess;
import io.parley.bench.load.ApiClient;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.kernel.auth.TokenService;
import io.parley.kernel.message.MessagePipeline;
import io.parley.plugin.ultragroup.UltragroupPlugin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * An ultragroup of {@code members} members (1,000,000) of whom 10,000 are online, end to end over real TCP: a
 * Parley server in this process with only the ultragroup plugin (embedded storage, fsync), and the online
 * members connected from a second process ({@link OnlineMembers}) that counts the EVENT frames (notices) it
 * reads. One operation publishes {@code burst} messages into the group's default channel through the kernel's
 * write path and waits until every online member has read a notice of each; the score is notices per second.
 *
 * <p>What it shows: a message costs one append to the channel's log (the teardown prints the channel head,
 * equal to the messages sent, and the inbox heads of an online and an offline member, both 0) plus one notice
 * per online member; the 990,000 offline members cost nothing on the send path. Their pushes are asked for by
 * the plugin's push thread, paced ({@code ultragroup.push.max-rate}) and once per interval per channel; the
 * teardown prints how many it asked for and how long the pass over the member list took.
 *
 * <p>Memberships are written straight into the metadata store in the plugin's layout (the two keys a join
 * writes), from many threads, so that a million joins take a minute rather than a million HTTP calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@OperationsPerInvocation(UltragroupFanOutBenchmark.ONLINE * UltragroupFanOutBenchmark.BURST)
public class UltragroupFanOutBenchmark {
    static final int ONLINE = 10_000;
    static final int BURST = 10;
    static final String GROUP = "bench-ug";
    static final String STATS = "ULTRAGROUP-STATS ";

    @Param({"1000000"})
    public int members;

    /**
     * Whether the messages count as unread: counted ones also start the plugin's offline-push work (a paced
     * pass over the member list once per interval per channel); uncounted ones (typing-free notices, say) do not.
     */
    @Param({"true", "false"})
    public boolean counted;

    private Path dataDir;
    private ParleyServer server;
    private MessagePipeline pipeline;
    private ListenerProcess online;
    private long expected;
    private final AtomicLong sends = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dataDir = Files.createTempDirectory("parley-ultragroup-bench");
        server = Parley.builder().isolated().discoverPlugins(false).plugin(new UltragroupPlugin()).config(Map.ofEntries(
                Map.entry("http.port", "0"), Map.entry("tcp.port", "0"), Map.entry("bind.host", "127.0.0.1"),
                Map.entry("data.dir", dataDir.toString()), Map.entry("app.key", "bench-key"),
                Map.entry("app.secret", "bench-secret"), Map.entry("protocol.heartbeat", "3600s"),
                Map.entry("dispatch.worker-queue", "100000"))).build().start();
        pipeline = server.kernelObject(MessagePipeline.class);
        ApiClient api = new ApiClient("http://127.0.0.1:" + server.httpPort(), "bench-key", "bench-secret");
        api.post("/ultragroup/create.json", List.of("groupId", GROUP, "userId", "host", "groupName", "Bench"));

        long start = System.nanoTime();
        populate(server.kernelObject(StorageProvider.class).metadata());
        System.out.println(STATS + "populated " + members + " members in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");

        TokenService tokens = server.kernelObject(TokenService.class);
        List<String> lines = new ArrayList<>(ONLINE);
        for (int i = 0; i < ONLINE; i++) {
            lines.add(user(i) + " " + tokens.issue(user(i)));
        }
        Path tokenFile = dataDir.resolve("tokens.txt");
        Files.write(tokenFile, lines, StandardCharsets.UTF_8);
        online = ListenerProcess.start("the online members", OnlineMembers.class, "127.0.0.1",
                String.valueOf(server.tcpPort()), tokenFile.toString());
        online.awaitReady(ONLINE);
        // the plugin adds a member to its group's online set from the presence event, asynchronously
        long deadline = System.currentTimeMillis() + 120_000;
        while (metric("im_ultragroup_online") < ONLINE) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + metric("im_ultragroup_online") + " members online");
            }
            Thread.sleep(100);
        }
    }

    private static String user(int i) {
        return "u" + i;
    }

    /** The two keys {@code /ultragroup/join.json} writes per member, in the plugin's layout. */
    private void populate(MetadataStore metadata) throws Exception {
        String membership = "{\"joinTime\":" + System.currentTimeMillis() + ",\"floors\":{\"\":0}}";
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            done.add(pool.submit(() -> {
                for (int i = first; i < members; i += threads) {
                    metadata.put("ultragroup.members", GROUP + "/" + user(i), membership);
                    metadata.put("ultragroup.user-groups", user(i) + "/" + GROUP, "");
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
    }

    @Benchmark
    public long fanOut() throws IOException {
        expected += (long) ONLINE * BURST;
        online.expect(expected);
        CompletableFuture<?>[] published = new CompletableFuture<?>[BURST];
        for (int i = 0; i < BURST; i++) {
            published[i] = pipeline.publish(new OutgoingMessage(ConversationType.ULTRA_GROUP, "host", GROUP,
                    "RC:TxtMsg", "{\"content\":\"hello, a million\"}", Optional.empty(), Optional.empty(), true,
                    counted, false, "b" + sends.incrementAndGet(), Optional.empty())).toCompletableFuture();
        }
        CompletableFuture.allOf(published).join();
        online.awaitDone();
        return expected;
    }

    /** A gauge or counter from the server's Prometheus page (summed over its series). */
    private double metric(String name) throws IOException, InterruptedException {
        String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (server != null) {
            StorageProvider storage = server.kernelObject(StorageProvider.class);
            long head = storage.messages().conversationHead(new ConversationKey(ConversationType.ULTRA_GROUP, GROUP));
            System.out.println(STATS + "messages sent " + sends.get() + ", channel log head " + head
                    + ", inbox head of an online member " + storage.messages().inboxHead(user(0))
                    + ", of an offline member " + storage.messages().inboxHead(user(members - 1)));
            System.out.println(STATS + "notices " + (long) metric("im_ultragroup_notices_total")
                    + ", pushes asked for " + (long) metric("im_ultragroup_push_requested_total")
                    + ", push passes " + (long) metric("im_ultragroup_push_pass_seconds_count")
                    + " taking " + metric("im_ultragroup_push_pass_seconds_sum") + " s in all"
                    + " (a pass still running is not counted), pushes dropped "
                    + (long) metric("im_ultragroup_push_dropped_total"));
        }
        if (online != null) {
            online.close();
        }
        if (server != null) {
            server.stop();
        }
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
