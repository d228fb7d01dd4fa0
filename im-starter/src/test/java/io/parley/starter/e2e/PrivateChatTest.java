package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two users, two devices each, real sockets, real storage, the real client SDK. */
class PrivateChatTest {
    private static final int MESSAGES = 10_000;

    @TempDir
    Path dataDir;

    EmbeddedParley server;
    final List<Device> devices = new ArrayList<>();

    @BeforeEach
    void start() {
        server = EmbeddedParley.start(dataDir);
    }

    @AfterEach
    void stop() {
        devices.forEach(Device::close);
        server.close();
    }

    @Test
    void twoUsersOnTwoDevicesEachExchangeTenThousandMessagesConcurrentlyInOrderExactlyOnce() {
        Device alicePhone = add(Device.connect(server, "alice", "alice-phone", "Android"));
        Device aliceDesk = add(Device.connect(server, "alice", "alice-desk", "PC"));
        Device bobPhone = add(Device.connect(server, "bob", "bob-phone", "iOS"));
        Device bobDesk = add(Device.connect(server, "bob", "bob-desk", "PC"));

        List<CompletableFuture<Void>> senders = new ArrayList<>();
        senders.add(CompletableFuture.runAsync(() -> sendMany(alicePhone, "bob", MESSAGES / 4)));
        senders.add(CompletableFuture.runAsync(() -> sendMany(aliceDesk, "bob", MESSAGES / 4)));
        senders.add(CompletableFuture.runAsync(() -> sendMany(bobPhone, "alice", MESSAGES / 4)));
        senders.add(CompletableFuture.runAsync(() -> sendMany(bobDesk, "alice", MESSAGES / 4)));
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();

        List<Long> expected = LongStream.rangeClosed(1, MESSAGES).boxed().toList();
        for (Device device : devices) {
            await().atMost(Duration.ofSeconds(60)).until(() -> device.received.size() >= MESSAGES);
            assertThat(device.seqs()).as("conversation seqs seen by %s", device.deviceId).isEqualTo(expected);
            assertThat(device.inboxSeqs()).as("inbox seqs seen by %s", device.deviceId).isEqualTo(expected);
            assertThat(device.received).extracting(message -> message.targetId())
                    .containsOnly(device.userId.equals("alice") ? "bob" : "alice");
        }
        Set<String> uids = new HashSet<>();
        alicePhone.received.forEach(message -> uids.add(message.messageUid()));
        assertThat(uids).hasSize(MESSAGES);
        assertThat(uids).allMatch(uid -> uid.matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"));
    }

    private Device add(Device device) {
        devices.add(device);
        return device;
    }

    /** Sends with up to 64 messages in flight, as a chatty app would. */
    private static void sendMany(Device device, String to, int count) {
        Semaphore window = new Semaphore(64);
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            window.acquireUninterruptibly();
            CompletableFuture<SendResult> send = device.client.sendPrivate(to, "RC:TxtMsg",
                    "{\"content\":\"" + device.deviceId + " #" + i + "\"}");
            send.whenComplete((result, failure) -> window.release());
            sends.add(send);
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }
}
