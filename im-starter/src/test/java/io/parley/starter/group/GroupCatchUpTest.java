package io.parley.starter.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.storage.StorageProvider;
import io.parley.client.CursorStore;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
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
 * Groups are read from their log by cursor (read diffusion): a device that was away while a thousand group messages
 * were sent catches up from its saved group cursor, in order, each message once, then follows the group live; a
 * new member sees nothing from before they joined; a member who left can no longer pull the group.
 */
class GroupCatchUpTest {
    private static final int MESSAGES = 1_000;

    @TempDir
    Path dataDir;

    EmbeddedParley server;
    final List<ImClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = EmbeddedParley.start(dataDir);
        assertThat(server.serverApi().post("/group/create.json", "groupId", "team", "groupName", "Team",
                "userId", "alice", "userId", "bob").code()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        server.close();
    }

    private ImClient open(String userId, String deviceId, CursorStore store, List<ReceivedMessage> into) {
        ImClient client = server.client(userId, deviceId, "Android").cursorStore(store).build();
        client.addMessageListener(message -> {
            if (!message.isStatusMessage() && message.objectName().equals("RC:TxtMsg")) {
                into.add(message);
            }
        });
        client.connect().join();
        clients.add(client);
        return client;
    }

    private List<SendResult> sendToTeam(ImClient sender, int count, String label) {
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(sender.sendGroup("team", "RC:TxtMsg", "{\"content\":\"" + label + " " + i + "\"}"));
            if (sends.size() % 100 == 0) {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            }
        }
        return sends.stream().map(CompletableFuture::join).toList();
    }

    private static List<Long> seqs(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::seq).toList();
    }

    @Test
    void aDeviceOfflineForAThousandGroupMessagesCatchesUpInOrderOnceAndThenFollowsLive() {
        List<ReceivedMessage> atAlice = new CopyOnWriteArrayList<>();
        ImClient alice = open("alice", "alice-phone", CursorStore.inMemory(), atAlice);
        CursorStore bobsPhone = CursorStore.inMemory();
        List<ReceivedMessage> atBob = new CopyOnWriteArrayList<>();
        ImClient bob = open("bob", "bob-phone", bobsPhone, atBob);
        long before = sendToTeam(alice, 1, "before").get(0).seq();
        await().atMost(Duration.ofSeconds(10)).until(() -> atBob.size() == 1);
        bob.close();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bobsPhone.loadConversations().getOrDefault("3/team", 0L) == before);

        List<SendResult> sent = sendToTeam(alice, MESSAGES, "while away");
        assertThat(sent).allSatisfy(result -> assertThat(result.inboxSeq()).as("no inbox entry").isZero());
        assertThat(server.server().kernelObject(StorageProvider.class).messages().inboxHead("bob"))
                .as("the group wrote nothing to bob's inbox").isZero();

        List<ReceivedMessage> caughtUp = new CopyOnWriteArrayList<>();
        ImClient bobAgain = open("bob", "bob-phone", bobsPhone, caughtUp);
        await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp.size() >= MESSAGES);
        assertThat(seqs(caughtUp)).as("from the saved cursor, in order, once")
                .containsExactlyElementsOf(LongStream.rangeClosed(before + 1, before + MESSAGES).boxed().toList());
        assertThat(caughtUp).extracting(ReceivedMessage::messageUid)
                .containsExactlyElementsOf(sent.stream().map(SendResult::messageUid).toList());
        assertThat(caughtUp).allSatisfy(message -> assertThat(message.inboxSeq()).isZero());
        await().atMost(Duration.ofSeconds(10)).until(() -> bobAgain.groupCursor("team") == before + MESSAGES);

        long live = sendToTeam(alice, 1, "live").get(0).seq();
        await().atMost(Duration.ofSeconds(10)).until(() -> caughtUp.size() == MESSAGES + 1);
        assertThat(caughtUp.get(MESSAGES).seq()).isEqualTo(live).isEqualTo(before + MESSAGES + 1);
        assertThat(caughtUp.get(MESSAGES).content()).contains("live");
        await().atMost(Duration.ofSeconds(10)).until(() -> atAlice.size() == MESSAGES + 2);
        assertThat(seqs(atAlice)).as("the sender's own device gets every message once, in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(before, live).boxed().toList());
    }

    @Test
    void aNewMemberSeesNothingFromBeforeJoiningAndALeaverCannotPullTheGroup() {
        List<ReceivedMessage> atAlice = new CopyOnWriteArrayList<>();
        ImClient alice = open("alice", "alice-phone", CursorStore.inMemory(), atAlice);
        sendToTeam(alice, 3, "before carol");
        assertThat(server.serverApi().post("/group/join.json", "groupId", "team", "groupName", "Team",
                "userId", "carol").code()).isEqualTo(200);
        List<SendResult> after = sendToTeam(alice, 2, "after carol");

        List<ReceivedMessage> atCarol = new CopyOnWriteArrayList<>();
        ImClient carol = open("carol", "carol-phone", CursorStore.inMemory(), atCarol);
        await().atMost(Duration.ofSeconds(10)).until(() -> atCarol.size() >= 2
                && carol.groupCursor("team") >= after.get(1).seq());
        assertThat(atCarol).extracting(ReceivedMessage::messageUid)
                .containsExactly(after.get(0).messageUid(), after.get(1).messageUid());

        assertThat(server.serverApi().post("/group/quit.json", "groupId", "team", "userId", "carol").code())
                .isEqualTo(200);
        sendToTeam(alice, 1, "after carol left");
        await().atMost(Duration.ofSeconds(10)).until(() -> atAlice.size() == 6);
        carol.close();
        CursorStore carolsPhone = CursorStore.inMemory();
        carolsPhone.saveConversation("3/team", after.get(1).seq());
        List<ReceivedMessage> afterLeaving = new CopyOnWriteArrayList<>();
        open("carol", "carol-phone", carolsPhone, afterLeaving);
        await().atMost(Duration.ofSeconds(10)).until(() -> !carolsPhone.loadConversations().containsKey("3/team"));
        assertThat(afterLeaving).as("a group no longer listed is no longer followed").isEmpty();
        assertThat(atCarol).as("nothing delivered after leaving").hasSize(2);
    }
}
