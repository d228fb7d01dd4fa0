package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ConnectionStatus;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Devices that were away, or whose connection broke, end with every message in order, once. */
class CatchUpTest {
    private static final int MESSAGES = 1_000;
    /**
     * Each wait is for a real condition; the limit only matters on a slow run. A restart stops and reopens the store
     * while the client backs off (up to 10 s between attempts), which on a loaded machine took more than 30 s once.
     */
    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    EmbeddedParley server;
    Device alice;
    Device bob;

    @BeforeEach
    void start() {
        server = EmbeddedParley.start(dataDir);
        alice = Device.connect(server, "alice", "alice-phone", "Android");
    }

    @AfterEach
    void stop() {
        alice.close();
        if (bob != null) {
            bob.close();
        }
        server.close();
    }

    @Test
    void aDeviceOfflineDuringAThousandMessagesCatchesUpOnReconnect() {
        bob = Device.connect(server, "bob", "bob-phone", "iOS");
        alice.client.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"before\"}").join();
        await().atMost(WAIT).until(() -> bob.received.size() == 1);
        bob.client.close();

        sendFromAlice(MESSAGES);

        bob.open(server, "iOS");
        await().atMost(WAIT).until(() -> bob.received.size() >= MESSAGES + 1);
        assertThat(bob.seqs()).isEqualTo(LongStream.rangeClosed(1, MESSAGES + 1).boxed().toList());
        assertThat(bob.inboxSeqs()).isEqualTo(LongStream.rangeClosed(1, MESSAGES + 1).boxed().toList());
    }

    @Test
    void aDeviceWhoseConnectionDropsMidStreamEndsWithEverythingOnce() {
        bob = Device.connect(server, "bob", "bob-phone", "iOS");
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> sendFromAlice(MESSAGES));
        // Cut bob's connection from the server side three times while messages flow.
        for (int cut = 1; cut <= 3; cut++) {
            int threshold = cut * MESSAGES / 5;
            await().atMost(WAIT).until(() -> bob.received.size() >= threshold);
            server.server().sessions().sessions("bob").forEach(session -> session.channel().close());
            await().atMost(WAIT).until(() -> bob.client.status() == ConnectionStatus.CONNECTED
                    && !server.server().sessions().sessions("bob").isEmpty());
        }
        sending.join();
        await().atMost(WAIT).until(() -> bob.received.size() >= MESSAGES);
        assertThat(bob.seqs()).isEqualTo(LongStream.rangeClosed(1, MESSAGES).boxed().toList());
    }

    @Test
    void aCleanRestartBetweenSendAndSyncLosesNothing() {
        bob = Device.connect(server, "bob", "bob-phone", "iOS");
        bob.client.close();
        sendFromAlice(MESSAGES);

        server.restart();

        await().atMost(WAIT).until(() -> alice.client.status() == ConnectionStatus.CONNECTED
                && server.server().sessions().isOnline("alice"));
        bob.open(server, "iOS");
        await().atMost(WAIT).until(() -> bob.received.size() >= MESSAGES);
        assertThat(bob.seqs()).isEqualTo(LongStream.rangeClosed(1, MESSAGES).boxed().toList());

        // Seqs continue after the restart, and the reconnected sender still reaches the recipient.
        SendResult after = alice.client.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"after restart\"}").join();
        assertThat(after.seq()).isEqualTo(MESSAGES + 1);
        await().atMost(WAIT).until(() -> bob.received.size() == MESSAGES + 1);
    }

    private void sendFromAlice(int count) {
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(alice.client.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"#" + i + "\"}"));
            if (sends.size() % 50 == 0) {
                sends.get(sends.size() - 1).join();
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

}
