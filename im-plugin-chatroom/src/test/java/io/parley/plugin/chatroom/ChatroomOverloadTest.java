package io.parley.plugin.chatroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.parley.api.model.ConversationType;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.rong.RongCloud;
import io.rong.models.chatroom.ChatroomMember;
import io.rong.models.chatroom.ChatroomModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room with a capacity of 20 messages a second under a burst: low-priority messages are dropped, while
 * whitelisted types and whitelisted users' messages all arrive, and the drops are counted.
 */
class ChatroomOverloadTest {
    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static RongCloud rongCloud;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir, "chatroom.max-messages-per-second", "20");
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static double dropped(String reason) {
        Counter counter = server.server().meterRegistry().find("im.chatroom.dropped").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void underOverloadLowPriorityMessagesAreDroppedAndWhitelistedTypesAndUsersAlwaysArrive() throws Exception {
        assertThat(rongCloud.chatroom.demotion.add(new String[] {"app:Like"}).getCode()).isEqualTo(200);
        assertThat(rongCloud.chatroom.whiteList.message.add(new String[] {"app:Gift"}).getCode()).isEqualTo(200);
        assertThat(rongCloud.chatroom.demotion.getList().getObjectNames()).containsExactly("app:Like");
        assertThat(rongCloud.chatroom.whiteList.message.getList().getObjectNames()).containsExactly("app:Gift");
        try (Member fan = Member.connect(server, "fan"); Member vip = Member.connect(server, "vip");
                Member watcher = Member.connect(server, "watcher")) {
            watcher.join("stage");
            fan.join("stage");
            vip.join("stage");
            assertThat(rongCloud.chatroom.whiteList.user.add(new ChatroomModel().setId("stage")
                    .setMembers(new ChatroomMember[] {new ChatroomMember().setId("vip")})).getCode()).isEqualTo(200);
            double droppedBefore = dropped("overload");

            List<CompletableFuture<SendResult>> likes = new ArrayList<>();
            List<CompletableFuture<SendResult>> kept = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                likes.add(fan.client.send(ConversationType.CHATROOM, "stage", "app:Like", "like " + i));
                if (i % 5 == 0) {
                    kept.add(fan.client.send(ConversationType.CHATROOM, "stage", "app:Gift", "gift " + i));
                    kept.add(vip.client.send(ConversationType.CHATROOM, "stage", "app:Like", "vip like " + i));
                }
            }
            CompletableFuture.allOf(likes.toArray(CompletableFuture[]::new)).join();
            CompletableFuture.allOf(kept.toArray(CompletableFuture[]::new)).join();

            long likesKept = likes.stream().filter(f -> f.join().seq() > 0).count();
            assertThat(kept).allSatisfy(f -> assertThat(f.join().seq()).isPositive());
            assertThat(likesKept).isLessThan(100);
            // every message a sender saw acked with seq 0 was dropped and counted
            assertThat(dropped("overload") - droppedBefore).isEqualTo(100 - likesKept);

            await().atMost(Duration.ofSeconds(10)).until(() -> watcher.texts("stage").size() == 40 + likesKept);
            List<String> received = watcher.texts("stage");
            assertThat(received.stream().filter(t -> t.startsWith("gift "))).hasSize(20);
            assertThat(received.stream().filter(t -> t.startsWith("vip like "))).hasSize(20);
            assertThat(received.stream().filter(t -> t.startsWith("like "))).hasSize((int) likesKept);
        }
    }

    @Test
    void withinCapacityNothingIsDropped() {
        try (Member calm = Member.connect(server, "calm"); Member ear = Member.connect(server, "ear")) {
            calm.join("quiet");
            ear.join("quiet");
            double droppedBefore = dropped("overload");

            for (int i = 0; i < 10; i++) {
                assertThat(calm.send("quiet", "RC:TxtMsg", "n" + i).seq()).isEqualTo(i + 1);
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> ear.texts("quiet").size() == 10);
            assertThat(dropped("overload")).isEqualTo(droppedBefore);
        }
    }
}
