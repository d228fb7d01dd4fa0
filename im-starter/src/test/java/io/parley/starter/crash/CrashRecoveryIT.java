package io.parley.starter.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in its own process, four devices sending private messages at once, and SIGKILL at six random
 * moments, each followed by a restart on the same ports. Afterwards fresh devices sync every inbox from
 * cursor 0: every acked message is there exactly once, in order, with gapless seqs; an un-acked one may be
 * missing, but whatever arrived is whole.
 */
class CrashRecoveryIT {
    private static final int KILLS = 6;
    private static final List<String> SENDERS = List.of("s0", "s1", "s2", "s3");
    private static final List<String> RECIPIENTS = List.of("r0", "r1");
    private static final String PADDING = "x".repeat(120);
    private static final Pattern CONTENT = Pattern.compile("\\{\"content\":\"from (s\\d) #(\\d+) (x+)\"\\}");

    /** A send the server acknowledged. */
    record Ack(String sender, String recipient, SendResult result) {
    }

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
    void everyAckedMessageSurvivesRepeatedKill9() throws Exception {
        server = new ServerProcess(dir.resolve("data"));
        assertThat(server.start()).as("server output: %s", server.output()).isTrue();
        ServerApiClient api = new ServerApiClient(server.baseUrl(), ServerProcess.APP_KEY, ServerProcess.APP_SECRET);
        Queue<Ack> acks = new ConcurrentLinkedQueue<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        List<ImClient> devices = new ArrayList<>();
        for (String sender : SENDERS) {
            ImClient device = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token(sender))
                    .deviceId(sender + "-phone").platform("Android").reconnectDelay(Duration.ofMillis(100),
                            Duration.ofMillis(500)).sendDeadline(Duration.ofSeconds(90)).build();
            device.connect().join();
            devices.add(device);
            Thread thread = new Thread(() -> {
                for (int i = 0; sending.get(); i++) {
                    String recipient = RECIPIENTS.get(i % RECIPIENTS.size());
                    try {
                        SendResult result = device.sendPrivate(recipient, "RC:TxtMsg",
                                "{\"content\":\"from " + sender + " #" + i + " " + PADDING + "\"}").get(120, TimeUnit.SECONDS);
                        acks.add(new Ack(sender, recipient, result));
                    } catch (Exception e) {
                        // not acked (refused while the server was down): it may be missing, never half-written
                    }
                }
            }, "sender-" + sender);
            thread.start();
            senders.add(thread);
        }
        Random random = new Random();
        for (int kill = 0; kill < KILLS; kill++) {
            int target = acks.size() + 20 + random.nextInt(250);
            await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= target);
            server.kill();
            assertThat(server.start()).as("restart %d, output: %s", kill, server.output()).isTrue();
        }
        int last = acks.size() + 50;
        await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= last);
        sending.set(false);
        for (Thread thread : senders) {
            thread.join(TimeUnit.SECONDS.toMillis(150));
        }
        devices.forEach(ImClient::close);

        List<Ack> acked = List.copyOf(acks);
        assertThat(acked).hasSizeGreaterThan(KILLS * 20);
        for (String user : concat(SENDERS, RECIPIENTS)) {
            SyncedInbox inbox = SyncedInbox.sync(api, server.tcpPort(), user, user + "-checker");
            inbox.assertOrderedGaplessOnce();
            for (Ack ack : acked) {
                if (ack.sender().equals(user) || ack.recipient().equals(user)) {
                    assertThat(inbox.uids()).as("%s has acked %s", user, ack.result().messageUid())
                            .contains(ack.result().messageUid());
                }
            }
            for (ReceivedMessage message : inbox.messages) {
                Matcher content = CONTENT.matcher(message.content());
                assertThat(content.matches()).as("whole content: %s", message.content()).isTrue();
                assertThat(content.group(1)).isEqualTo(message.fromUserId());
                assertThat(content.group(3)).isEqualTo(PADDING);
            }
        }
        Map<String, Long> perSenderSeq = new java.util.HashMap<>();
        for (Ack ack : acked) {
            perSenderSeq.merge(ack.sender() + ">" + ack.recipient(), ack.result().seq(), Math::max);
        }
        assertThat(perSenderSeq).isNotEmpty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
