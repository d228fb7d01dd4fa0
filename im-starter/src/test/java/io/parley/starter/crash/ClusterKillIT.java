package io.parley.starter.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.parley.client.CursorStore;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes from the shaded jar, each in its own process, on one PostgreSQL schema and one Redis prefix; six
 * devices (two per node) send private messages to two recipients on nodes 2 and 3 while node 1 is killed with
 * SIGKILL. Node 1's senders move to node 2 and carry on from their inbox cursors. Then: the recipients' live
 * devices got every acked message once, in inbox order; a fresh device of every user syncs an inbox with every acked
 * message once and no gap; and checkOnline on a surviving node stops reporting a user who was only on node 1
 * within the heartbeat TTL.
 */
class ClusterKillIT {
    private static final String POSTGRES_URL = env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/parley_test");
    private static final String POSTGRES_USER = env("TEST_POSTGRES_USER", "parley");
    private static final String POSTGRES_PASSWORD = env("TEST_POSTGRES_PASSWORD", "parley");
    private static final String REDIS_URI = env("TEST_REDIS_URI", "redis://127.0.0.1:6379");
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final Duration ENTRY_TTL = HEARTBEAT.multipliedBy(3);
    private static final List<String> RECIPIENTS = List.of("r0", "r1");

    record Ack(String sender, String recipient, SendResult result) {
    }

    @TempDir
    Path dir;
    final String name = "c_kill_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    final List<ServerProcess> nodes = new ArrayList<>();
    final List<ImClient> devices = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        devices.forEach(ImClient::close);
        for (ServerProcess node : nodes) {
            node.stop();
        }
        try (Connection connection = postgres(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
        }
    }

    @Test
    void aKilledNodeLosesNoAckedMessageAndItsUsersGoOfflineWithinTheTtl() throws Exception {
        requireServices();
        for (int i = 1; i <= 3; i++) {
            ServerProcess node = new ServerProcess(Files.createDirectories(dir.resolve("n" + i)), Map.of(
                    "PARLEY_STORAGE_PROVIDER", "postgres", "PARLEY_STORAGE_POSTGRES_URL", POSTGRES_URL,
                    "PARLEY_STORAGE_POSTGRES_USER", POSTGRES_USER, "PARLEY_STORAGE_POSTGRES_PASSWORD", POSTGRES_PASSWORD,
                    "PARLEY_STORAGE_POSTGRES_SCHEMA", name, "PARLEY_CLUSTER_PROVIDER", "redis",
                    "PARLEY_CLUSTER_REDIS_URI", REDIS_URI, "PARLEY_CLUSTER_REDIS_KEY_PREFIX", name,
                    "PARLEY_CLUSTER_NODE_ID", "n" + i, "PARLEY_CLUSTER_HEARTBEAT", HEARTBEAT.toMillis() + "ms"));
            nodes.add(node);
            assertThat(node.start()).as("node %d output: %s", i, node.output()).isTrue();
        }
        ServerApiClient api = new ServerApiClient(nodes.get(1).baseUrl(), ServerProcess.APP_KEY,
                ServerProcess.APP_SECRET);

        Map<String, List<ReceivedMessage>> live = Map.of("r0", new CopyOnWriteArrayList<>(), "r1",
                new CopyOnWriteArrayList<>());
        connect(api, nodes.get(1), "r0", "r0-phone", CursorStore.inMemory(), live.get("r0"));
        connect(api, nodes.get(2), "r1", "r1-phone", CursorStore.inMemory(), live.get("r1"));
        connect(api, nodes.get(0), "watcher", "watcher-phone", CursorStore.inMemory(), new CopyOnWriteArrayList<>());
        await().atMost(Duration.ofSeconds(30)).until(() -> online(api, "watcher"));

        Queue<Ack> acks = new ConcurrentLinkedQueue<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        List<AtomicReference<ImClient>> onNode1 = new ArrayList<>();
        List<CursorStore> node1Cursors = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            String sender = "s" + s;
            CursorStore cursor = CursorStore.inMemory();
            AtomicReference<ImClient> device = new AtomicReference<>(
                    connect(api, nodes.get(s / 2), sender, sender + "-phone", cursor, new CopyOnWriteArrayList<>()));
            if (s / 2 == 0) {
                onNode1.add(device);
                node1Cursors.add(cursor);
            }
            Thread thread = new Thread(() -> {
                for (int i = 0; sending.get(); i++) {
                    String recipient = RECIPIENTS.get(i % RECIPIENTS.size());
                    try {
                        SendResult result = device.get().sendPrivate(recipient, "RC:TxtMsg",
                                "{\"content\":\"from " + sender + " #" + i + "\"}").get(30, TimeUnit.SECONDS);
                        acks.add(new Ack(sender, recipient, result));
                    } catch (Exception e) {
                        // not acked (its node died under it): it may be missing, never duplicated
                    }
                }
            }, "sender-" + sender);
            thread.start();
            senders.add(thread);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= 300);
        nodes.get(0).kill();
        long killedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> !online(api, "watcher"));
        Duration offlineAfter = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(offlineAfter).as("checkOnline forgets node 1's user within the TTL (%s) and a poll", ENTRY_TTL)
                .isLessThanOrEqualTo(ENTRY_TTL.plusSeconds(1));

        for (int i = 0; i < onNode1.size(); i++) {
            String sender = "s" + i;
            ImClient dead = onNode1.get(i).get();
            onNode1.get(i).set(connect(api, nodes.get(1), sender, sender + "-phone", node1Cursors.get(i),
                    new CopyOnWriteArrayList<>()));
            dead.close();
        }
        int last = acks.size() + 300;
        await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= last);
        sending.set(false);
        for (Thread thread : senders) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        List<Ack> acked = List.copyOf(acks);
        assertThat(acked.stream().filter(ack -> ack.sender().equals("s0") || ack.sender().equals("s1")))
                .as("node 1's senders were acked before and after the kill").hasSizeGreaterThan(20);

        for (String recipient : RECIPIENTS) {
            Set<String> expected = new HashSet<>();
            acked.stream().filter(ack -> ack.recipient().equals(recipient))
                    .forEach(ack -> expected.add(ack.result().messageUid()));
            List<ReceivedMessage> device = live.get(recipient);
            await().atMost(Duration.ofSeconds(60)).until(() -> uids(device).containsAll(expected));
            assertThat(device).extracting(ReceivedMessage::messageUid).as("%s's live device: each once", recipient)
                    .doesNotHaveDuplicates();
            assertThat(device).extracting(ReceivedMessage::inboxSeq).as("%s's live device: inbox order", recipient)
                    .isSorted();
        }
        for (String user : List.of("s0", "s1", "s2", "s3", "s4", "s5", "r0", "r1")) {
            SyncedInbox inbox = SyncedInbox.sync(api, nodes.get(2).tcpPort(), user, user + "-checker");
            inbox.assertOrderedGaplessOnce();
            for (Ack ack : acked) {
                if (ack.sender().equals(user) || ack.recipient().equals(user)) {
                    assertThat(inbox.uids()).as("%s has acked %s", user, ack.result().messageUid())
                            .contains(ack.result().messageUid());
                }
            }
        }
    }

    private ImClient connect(ServerApiClient api, ServerProcess node, String user, String deviceId, CursorStore cursor,
            List<ReceivedMessage> received) {
        ImClient device = ImClient.builder().address("127.0.0.1", node.tcpPort()).token(api.token(user))
                .deviceId(deviceId).platform("Android").cursorStore(cursor)
                .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(500)).build();
        device.addMessageListener(message -> {
            if (message.inboxSeq() > 0 && !message.fromUserId().equals(user)) {
                received.add(message);
            }
        });
        device.connect().join();
        devices.add(device);
        return device;
    }

    private static boolean online(ServerApiClient api, String user) {
        return api.post("/user/checkOnline.json", "userId", user).body().path("status").asText().equals("1");
    }

    private static Set<String> uids(List<ReceivedMessage> messages) {
        Set<String> uids = new HashSet<>();
        messages.forEach(message -> uids.add(message.messageUid()));
        return uids;
    }

    private static void requireServices() {
        String howTo = ". Run `bash scripts/test-services.sh` to install and start PostgreSQL and Redis on 127.0.0.1.";
        try (Connection connection = postgres()) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new AssertionError("No PostgreSQL at " + POSTGRES_URL + ": " + e.getMessage() + howTo, e);
        }
        RedisClient client = RedisClient.create(REDIS_URI);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
        } catch (RuntimeException e) {
            throw new AssertionError("No Redis at " + REDIS_URI + ": " + e.getMessage() + howTo, e);
        } finally {
            client.shutdown();
        }
    }

    private static Connection postgres() throws SQLException {
        return DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
