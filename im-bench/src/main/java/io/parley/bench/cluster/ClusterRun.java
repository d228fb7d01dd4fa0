package io.parley.bench.cluster;

import io.netty.channel.EventLoopGroup;
import io.parley.bench.load.ApiClient;
import io.parley.client.ImClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * One measured run against started nodes: connects {@code users} devices round-robin over the nodes, then
 * {@code senders} of them send private messages to random users, each keeping {@code window} sends unacked, for
 * the warm-up and the measured time. Delivery latency is from send to DELIVER in this process (the send time
 * travels in the content).
 */
final class ClusterRun {
    record Node(int tcpPort, ApiClient api) {
    }

    record Result(int nodes, double acksPerSecond, double deliveriesPerSecond, double deliveryP50Millis,
            double deliveryP99Millis, double ackP50Millis, double ackP99Millis, long errors, double crossNodeShare) {
    }

    private final List<Node> nodes;
    private final int users;
    private final int senders;
    private final int window;
    private final EventLoopGroup loops;
    private final List<ImClient> clients;
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Recorder deliveryNanos = new Recorder(3);
    private final Recorder ackNanos = new Recorder(3);

    ClusterRun(List<Node> nodes, int users, int senders, int window, EventLoopGroup loops, List<ImClient> clients) {
        this.nodes = nodes;
        this.users = users;
        this.senders = senders;
        this.window = window;
        this.loops = loops;
        this.clients = clients;
    }

    Result run(int nodeCount, Duration warmup, Duration measured) throws Exception {
        for (int u = 0; u < users; u++) {
            Node node = nodes.get(u % nodes.size());
            String user = "u" + u;
            ImClient client = ImClient.builder().address("127.0.0.1", node.tcpPort()).token(node.api().token(user))
                    .deviceId(user + "-d").platform("Android").eventLoopGroup(loops).build();
            client.addMessageListener(message -> {
                if (message.inboxSeq() > 0 && !message.fromUserId().equals(user) && measuring.get()) {
                    long sentAt = Long.parseLong(message.content().replaceAll("\\D", ""));
                    deliveryNanos.recordValue(Math.max(0, System.nanoTime() - sentAt));
                    deliveries.incrementAndGet();
                }
            });
            clients.add(client);
            client.connect().get(30, TimeUnit.SECONDS);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            ImClient sender = clients.get(s);
            int self = s;
            Thread thread = new Thread(() -> send(sender, self, running), "sender-" + s);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(warmup.toMillis());
        deliveryNanos.reset();
        ackNanos.reset();
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measured.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        Histogram delivery = deliveryNanos.getIntervalHistogram();
        Histogram ack = ackNanos.getIntervalHistogram();
        return new Result(nodeCount, acks.get() / seconds, deliveries.get() / seconds,
                delivery.getValueAtPercentile(50) / 1e6, delivery.getValueAtPercentile(99) / 1e6,
                ack.getValueAtPercentile(50) / 1e6, ack.getValueAtPercentile(99) / 1e6, errors.get(),
                (nodeCount - 1) / (double) nodeCount);
    }

    private void send(ImClient sender, int self, AtomicBoolean running) {
        Random random = new Random(self);
        Semaphore inFlight = new Semaphore(window);
        while (running.get()) {
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            int recipient = random.nextInt(users - 1);
            if (recipient >= self) {
                recipient++;
            }
            long sentAt = System.nanoTime();
            sender.sendPrivate("u" + recipient, "RC:TxtMsg", "{\"t\":\"" + sentAt + "\"}").whenComplete((r, e) -> {
                inFlight.release();
                if (e != null) {
                    errors.incrementAndGet();
                } else if (measuring.get()) {
                    acks.incrementAndGet();
                    ackNanos.recordValue(System.nanoTime() - sentAt);
                }
            });
        }
    }
}
