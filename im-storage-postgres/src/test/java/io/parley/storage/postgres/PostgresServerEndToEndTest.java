package io.parley.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationType;
import io.parley.client.ConnectionStatus;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server on PostgreSQL ({@code storage.provider=postgres}), seen through the real client SDK over
 * TCP on 127.0.0.1: private and group messages arrive once and in order, an offline device catches up (a group by
 * its cursor: one row per group message, none per member), and a restart of the server loses nothing and continues
 * the seqs.
 */
class PostgresServerEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    String schema;
    EmbeddedParley server;
    final List<ImClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        schema = PostgresTestDatabase.newSchema("e2e");
        server = EmbeddedParley.start(dataDir, "storage.provider", "postgres",
                "storage.postgres.url", PostgresTestDatabase.URL,
                "storage.postgres.user", PostgresTestDatabase.USER,
                "storage.postgres.password", PostgresTestDatabase.PASSWORD,
                "storage.postgres.schema", schema,
                // no "group created" notification, so every inbox holds exactly the messages this test sends
                "group.notifications", "false");
    }

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        server.close();
        PostgresTestDatabase.dropSchema(schema);
    }

    @Test
    void privateAndGroupMessagesArriveInOrderAndARestartLosesNothing() throws Exception {
        ImClient alice = connect("alice", "alice-phone", "Android", new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>());
        List<ReceivedMessage> bobInbox = new CopyOnWriteArrayList<>();
        List<ReceivedMessage> bobGroup = new CopyOnWriteArrayList<>();
        ImClient bob = connect("bob", "bob-phone", "iOS", bobInbox, bobGroup);
        assertThat(server.serverApi().post("/group/create.json", "groupId", "team", "groupName", "Team",
                "userId", "alice", "userId", "bob", "userId", "carol").code()).isEqualTo(200);

        List<SendResult> privateSent = send(alice, ConversationType.PRIVATE, "bob", 20);
        List<SendResult> groupSent = send(alice, ConversationType.GROUP, "team", 10);
        assertThat(privateSent).extracting(SendResult::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(groupSent).extracting(SendResult::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(groupSent).as("a group message has no inbox entry").allMatch(sent -> sent.inboxSeq() == 0);
        await().atMost(WAIT).until(() -> bobInbox.size() >= 20 && bobGroup.size() >= 10);
        assertThat(bobInbox).extracting(ReceivedMessage::inboxSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(bobInbox).extracting(ReceivedMessage::messageUid)
                .containsExactlyElementsOf(privateSent.stream().map(SendResult::messageUid).toList());
        assertThat(bobGroup).extracting(ReceivedMessage::messageUid)
                .containsExactlyElementsOf(groupSent.stream().map(SendResult::messageUid).toList());

        // bob goes away; alice sends more; the server restarts before bob is back
        bob.close();
        List<SendResult> whileAway = send(alice, ConversationType.PRIVATE, "bob", 10);
        server.restart();

        List<ReceivedMessage> bobAgain = new CopyOnWriteArrayList<>();
        connect("bob", "bob-phone", "iOS", bobAgain, new CopyOnWriteArrayList<>());
        await().atMost(WAIT).until(() -> bobAgain.size() >= 30);
        assertThat(bobAgain).extracting(ReceivedMessage::inboxSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(bobAgain.subList(20, 30)).extracting(ReceivedMessage::messageUid)
                .containsExactlyElementsOf(whileAway.stream().map(SendResult::messageUid).toList());

        // carol never connected before the restart: her device reads the group's log by cursor
        List<ReceivedMessage> carolGroup = new CopyOnWriteArrayList<>();
        connect("carol", "carol-pc", "PC", new CopyOnWriteArrayList<>(), carolGroup);
        await().atMost(WAIT).until(() -> carolGroup.size() >= 10);
        assertThat(carolGroup).extracting(ReceivedMessage::messageUid)
                .containsExactlyElementsOf(groupSent.stream().map(SendResult::messageUid).toList());

        // seqs go on where they stopped, and the rows are in PostgreSQL
        await().atMost(WAIT).until(() -> alice.status() == ConnectionStatus.CONNECTED);
        assertThat(alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"after restart\"}").join().seq())
                .isEqualTo(31);
        await().atMost(WAIT).until(() -> bobAgain.size() >= 31);
        assertThat(countRows("messages")).as("one row per message, group messages included").isEqualTo(41);
        var registry = server.server().meterRegistry();
        assertThat(registry.get("im.storage.commit.records").counter().count()).as("appends since the restart")
                .isGreaterThanOrEqualTo(1);
        // the pool gauges read the live pool: it holds connections (at least its minimum of 2 idle ones), never more
        // than its size, and once the writes above are done nothing waits for one and they are all back in it
        await().atMost(WAIT).untilAsserted(() -> {
            double active = registry.get("im.storage.postgres.pool.active").gauge().value();
            double idle = registry.get("im.storage.postgres.pool.idle").gauge().value();
            assertThat(active + idle).isBetween(2.0, (double) PostgresStorageConfig.DEFAULT_POOL_SIZE);
            assertThat(idle).isGreaterThanOrEqualTo(2.0);
            assertThat(registry.get("im.storage.postgres.pool.waiting").gauge().value()).isZero();
        });
        assertThat(countRows("inbox_entries")).as("alice and bob for each private message; none for the group")
                .isEqualTo(31 * 2);
    }

    /** A device that collects the inbox messages and the group messages others sent, apart. */
    private ImClient connect(String user, String device, String platform, List<ReceivedMessage> inbox,
            List<ReceivedMessage> groups) {
        ImClient client = server.client(user, device, platform).build();
        client.addMessageListener(message -> {
            if (message.fromUserId().equals(user) || message.isStatusMessage()) {
                return;
            }
            if (message.inboxSeq() > 0) {
                inbox.add(message);
            } else if (message.conversationType() == ConversationType.GROUP) {
                groups.add(message);
            }
        });
        clients.add(client);
        client.connect().join();
        return client;
    }

    private static List<SendResult> send(ImClient from, ConversationType type, String target, int count) {
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(from.send(type, target, "RC:TxtMsg", "{\"content\":\"" + type + " #" + i + "\"}"));
        }
        return sends.stream().map(CompletableFuture::join).toList();
    }

    private long countRows(String table) throws Exception {
        try (Connection connection = PostgresTestDatabase.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + schema + "\"." + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
