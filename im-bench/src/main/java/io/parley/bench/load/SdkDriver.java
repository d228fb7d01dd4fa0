package io.parley.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.parley.api.model.ConversationType;
import io.parley.client.ConnectionStatus;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Drives the connections through the real Java client SDK ({@link ImClient}), all sharing one event loop group
 * and one callback pool, as an app server's load test would. Every message goes through the SDK's inbox
 * sequencing, cursor saving, ACKs and retries. TCP only (the SDK has no WebSocket transport).
 */
public final class SdkDriver implements LoadDriver {
    private final LoadOptions options;
    private final InetSocketAddress remote;
    private final LoadStats stats;
    private final boolean expectSeq;
    private final String padding;
    private final EventLoopGroup group;
    private final ExecutorService callbacks;
    private final List<ImClient> clients = new ArrayList<>();
    private volatile AckListener ackListener = (connection, ok) -> { };

    public SdkDriver(LoadOptions options, InetSocketAddress remote, LoadStats stats, boolean expectSeq) {
        if (options.transport() != Transport.TCP) {
            throw new IllegalArgumentException("the SDK driver speaks TCP only");
        }
        this.options = options;
        this.remote = remote;
        this.stats = stats;
        this.expectSeq = expectSeq;
        this.padding = ContentStamp.padding(options.padBytes());
        this.group = new MultiThreadIoEventLoopGroup(options.clientThreads(),
                new DefaultThreadFactory("bench-sdk-io", true), NioIoHandler.newFactory());
        this.callbacks = Executors.newFixedThreadPool(options.clientThreads(),
                new DefaultThreadFactory("bench-sdk-callback", true));
    }

    @Override
    public void onAck(AckListener listener) {
        this.ackListener = listener;
    }

    @Override
    public List<BenchConnection> connect(List<BenchUser> users, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore inFlight = new Semaphore(options.connectConcurrency());
        AtomicReferenceArray<BenchConnection> done = new AtomicReferenceArray<>(users.size());
        int issued = 0;
        for (BenchUser user : users) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !inFlight.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            ImClient client = ImClient.builder().address(remote.getHostString(), remote.getPort())
                    .token(user.token()).deviceId("bench-" + user.index()).platform("PC")
                    .eventLoopGroup(group).callbackExecutor(callbacks).autoReconnect(false).build();
            synchronized (clients) {
                clients.add(client);
            }
            SdkConnection connection = new SdkConnection(user, client);
            client.addMessageListener(message -> stats.recordDeliver(user.index(),
                    ContentStamp.parse(message.content())));
            int slot = issued++;
            client.connect().whenComplete((result, error) -> {
                if (error == null) {
                    done.set(slot, connection);
                    stats.recordConnected();
                } else {
                    stats.recordConnectFailure();
                }
                inFlight.release();
            });
        }
        long left = deadline - System.nanoTime();
        int permits = options.connectConcurrency();
        if (left > 0 && inFlight.tryAcquire(permits, left, TimeUnit.NANOSECONDS)) {
            inFlight.release(permits);
        }
        List<BenchConnection> result = new ArrayList<>();
        for (int i = 0; i < issued; i++) {
            if (done.get(i) != null) {
                result.add(done.get(i));
            }
        }
        return result;
    }

    /** One SDK client as a bench connection. */
    private final class SdkConnection implements BenchConnection {
        private final BenchUser user;
        private final ImClient client;

        SdkConnection(BenchUser user, ImClient client) {
            this.user = user;
            this.client = client;
        }

        @Override
        public int index() {
            return user.index();
        }

        @Override
        public String userId() {
            return user.userId();
        }

        @Override
        public void send(int conversationType, String targetId, long stampNanos) {
            ConversationType type = ConversationType.fromCode(conversationType).orElseThrow();
            stats.recordSent();
            client.send(type, targetId, options.objectName(), ContentStamp.content(stampNanos, user.index(), padding))
                    .whenComplete((result, error) -> {
                        int code = error == null ? 0 : error instanceof ImClientException e ? e.code()
                                : error.getCause() instanceof ImClientException c ? c.code() : -1;
                        stats.recordAck(stampNanos, code, code == 0 && expectSeq && result.seq() == 0,
                                user.index());
                        ackListener.acked(this, code == 0);
                    });
        }

        @Override
        public CompletableFuture<Map<String, Object>> command(String name, Map<String, Object> body) {
            return client.command(name, body);
        }

        @Override
        public boolean isActive() {
            return client.status() == ConnectionStatus.CONNECTED;
        }
    }

    @Override
    public void close() {
        List<ImClient> all;
        synchronized (clients) {
            all = new ArrayList<>(clients);
        }
        all.parallelStream().forEach(ImClient::close);
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        callbacks.shutdownNow();
    }
}
