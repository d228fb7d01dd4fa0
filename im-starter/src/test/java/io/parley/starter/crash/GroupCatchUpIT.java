package io.parley.starter.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.CursorStore;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups are one log read by every member: the server in its own process, two members sending to a group while it
 * is killed with SIGKILL three times and restarted, and two members who were away the whole time. Afterwards their
 * devices catch up by group cursor (one from nothing, one from a cursor saved halfway): every acked message is
 * there, each once, in seq order, with no gap; and no member ever had an inbox entry for the group.
 */
class GroupCatchUpIT {
    private static final int KILLS = 3;
    private static final List<String> SENDERS = List.of("s0", "s1");
    private static final List<String> AWAY = List.of("a0", "a1");

    @TempDir
    Path dir;
    ServerProcess server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void membersAwayDuringKillsCatchUpByGroupCursorWithEveryAckedMessageOnce() throws Exception {
        server = new ServerProcess(dir.resolve("data"));
        assertThat(server.start()).as("server output: %s", server.output()).isTrue();
        ServerApiClient api = new ServerApiClient(server.baseUrl(), ServerProcess.APP_KEY, ServerProcess.APP_SECRET);
        List<String> form = new ArrayList<>(List.of("groupId", "crew", "groupName", "Crew"));
        for (String member : concat(SENDERS, AWAY)) {
            form.add("userId");
            form.add(member);
        }
        assertThat(api.post("/group/create.json", form.toArray(String[]::new)).code()).isEqualTo(200);

        Queue<SendResult> acks = new ConcurrentLinkedQueue<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        List<ImClient> devices = new ArrayList<>();
        for (String sender : SENDERS) {
            ImClient device = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token(sender))
                    .deviceId(sender + "-phone").platform("Android")
                    .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(500))
                    .sendDeadline(Duration.ofSeconds(90)).build();
            device.connect().join();
            devices.add(device);
            Thread thread = new Thread(() -> {
                for (int i = 0; sending.get(); i++) {
                    try {
                        acks.add(device.sendGroup("crew", "RC:TxtMsg",
                                "{\"content\":\"" + sender + " #" + i + "\"}").get(120, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        // not acked (refused while the server was down): it may be missing, never half-written
                    }
                }
            }, "sender-" + sender);
            thread.start();
            senders.add(thread);
        }
        CursorStore halfway = CursorStore.inMemory();
        for (int kill = 0; kill < KILLS; kill++) {
            int target = acks.size() + 100;
            await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= target);
            if (kill == 1) {
                // a1's phone catches up once, halfway, and is put away with its saved group cursor
                catchUp(api, "a1", "a1-phone", halfway, highestSeq(acks));
            }
            server.kill();
            assertThat(server.start()).as("restart %d, output: %s", kill, server.output()).isTrue();
        }
        int last = acks.size() + 100;
        await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= last);
        sending.set(false);
        for (Thread thread : senders) {
            thread.join(TimeUnit.SECONDS.toMillis(150));
        }
        devices.forEach(ImClient::close);

        List<SendResult> acked = List.copyOf(acks);
        long savedHalfway = halfway.loadConversations().getOrDefault("3/crew", 0L);
        assertThat(savedHalfway).as("a1 caught up halfway").isPositive();
        long head = highestSeq(acked);
        List<ReceivedMessage> fresh = catchUp(api, "a0", "a0-phone", CursorStore.inMemory(), head);
        List<ReceivedMessage> resumed = catchUp(api, "a1", "a1-phone", halfway, head);
        for (List<ReceivedMessage> messages : List.of(fresh, resumed)) {
            Set<String> uids = new HashSet<>();
            messages.forEach(message -> assertThat(uids.add(message.messageUid())).as("once").isTrue());
            for (SendResult ack : acked) {
                if (messages == fresh || ack.seq() > savedHalfway) {
                    assertThat(uids).as("acked %s", ack.messageUid()).contains(ack.messageUid());
                }
            }
            assertThat(messages).allSatisfy(message -> assertThat(message.inboxSeq()).isZero());
        }
        assertThat(fresh).extracting(ReceivedMessage::seq).as("from the first seq, in order, no gap")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, fresh.size()).boxed().toList());
        assertThat(resumed).extracting(ReceivedMessage::seq).as("from the saved cursor on, in order, no gap")
                .containsExactlyElementsOf(LongStream.rangeClosed(savedHalfway + 1, savedHalfway + resumed.size())
                        .boxed().toList());
        for (String member : concat(SENDERS, AWAY)) {
            try (ImClient checker = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token(member))
                    .deviceId(member + "-checker").platform("Web").autoReconnect(false).build()) {
                assertThat(checker.connect().join().inboxHead()).as("the group never wrote to %s's inbox", member)
                        .isZero();
            }
        }
    }

    /** Connects a device and waits until its group cursor reaches {@code seq}; returns what it received. */
    private List<ReceivedMessage> catchUp(ServerApiClient api, String user, String deviceId, CursorStore store,
            long seq) {
        List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        try (ImClient device = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token(user))
                .deviceId(deviceId).platform("PC").autoReconnect(false).cursorStore(store).build()) {
            device.addMessageListener(message -> {
                if (!message.isStatusMessage()) {
                    received.add(message); // the group's notices too: every seq of the log the member sees
                }
            });
            device.connect().join();
            await().atMost(Duration.ofSeconds(60)).until(() -> device.groupCursor("crew") >= seq);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.loadConversations().getOrDefault("3/crew", 0L)
                >= received.stream().mapToLong(ReceivedMessage::seq).max().orElse(0));
        return List.copyOf(received);
    }

    /** The highest seq acked so far: once the senders stop, the group's head. */
    private static long highestSeq(java.util.Collection<SendResult> acks) {
        return acks.stream().mapToLong(SendResult::seq).max().orElse(0);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
