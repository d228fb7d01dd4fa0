package io.parley.starter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ConnectionStatus;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.client.store.ConversationId;
import io.parley.client.store.LocalStore;
import io.parley.client.store.LocalStores;
import io.parley.client.store.SearchQuery;
import io.parley.client.store.StoredConversation;
import io.parley.client.store.StoredMessage;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java SDK's local store against a real server: what arrives online is kept, a client opens its conversations
 * and history with the server stopped, then syncs only what is new; a signed-out user's store is wiped; two users
 * of one device never share a file, and a client refuses a store of another user than its token's.
 */
class LocalStoreSyncTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ConversationId WITH_ANN = ConversationId.privateChat("ann");
    private static final ConversationId HIKERS = ConversationId.group("hikers");

    @TempDir
    Path serverDir;
    @TempDir
    Path deviceDir;
    EmbeddedParley server;
    final List<ImClient> clients = new ArrayList<>();
    final List<LocalStore> stores = new ArrayList<>();

    @BeforeEach
    void start() {
        server = EmbeddedParley.start(serverDir);
        assertThat(server.serverApi().post("/group/create.json", "userId", "ann", "userId", "bob", "userId", "carol",
                "groupId", "hikers", "groupName", "Hikers").code()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        stores.forEach(store -> {
            try {
                store.close();
            } catch (RuntimeException e) {
                // wiped already
            }
        });
        server.close();
    }

    private LocalStore store(String userId) {
        LocalStore store = LocalStores.mapDb(deviceDir, server.appKey(), userId);
        stores.add(store);
        return store;
    }

    private ImClient connect(String userId, LocalStore store, List<ReceivedMessage> received) {
        ImClient client = server.client(userId, userId + "-phone", "Android").localStore(store).build();
        client.addMessageListener(received::add);
        client.connect().join();
        clients.add(client);
        return client;
    }

    private ImClient connect(String userId) {
        ImClient client = server.client(userId, userId + "-pc", "PC").build();
        client.connect().join();
        clients.add(client);
        return client;
    }

    private static String text(String text) {
        return "{\"content\":\"" + text + "\"}";
    }

    @Test
    void whatArrivesOnlineIsKeptOpensWithoutTheServerAndOnlyWhatIsNewIsSyncedAfterwards() throws Exception {
        LocalStore bobsStore = store("bob");
        List<ReceivedMessage> heard = new CopyOnWriteArrayList<>();
        ImClient bob = connect("bob", bobsStore, heard);
        ImClient ann = connect("ann");
        List<String> before = new ArrayList<>();
        before.add(ann.sendPrivate("bob", "RC:TxtMsg", text("你好，明天见")).join().messageUid());
        before.add(ann.sendPrivate("bob", "RC:TxtMsg", text("Café at noon?")).join().messageUid());
        before.add(ann.sendGroup("hikers", "RC:TxtMsg", text("ラーメンを食べよう")).join().messageUid());
        before.add(bob.sendPrivate("ann", "RC:TxtMsg", text("sure")).join().messageUid());
        // the group has the server's RC:GrpNtf of its creation too
        await().atMost(WAIT).until(() -> bobsStore.history(WITH_ANN, 10).size() == 3
                && bobsStore.history(HIKERS, 10).size() == 2);
        assertThat(bobsStore.conversation(WITH_ANN).orElseThrow().unreadCount()).isEqualTo(2);
        String token = server.serverApi().token("bob");
        int tcpPort = server.tcpPort();
        ann.close();
        bob.close();
        bobsStore.close();

        // the device starts again with the server down: its conversations, history and search are there
        server.stop();
        LocalStore reopened = store("bob");
        List<ReceivedMessage> heardAfter = new CopyOnWriteArrayList<>();
        ImClient offline = ImClient.builder().address("127.0.0.1", tcpPort).token(token)
                .deviceId("bob-phone").platform("Android").localStore(reopened).build();
        clients.add(offline);
        offline.addMessageListener(heardAfter::add);
        assertThat(offline.localStore()).containsSame(reopened);
        LocalStore local = reopened;
        assertThat(local.conversations()).extracting(StoredConversation::id).containsExactlyInAnyOrder(WITH_ANN, HIKERS);
        StoredConversation withAnn = local.conversation(WITH_ANN).orElseThrow();
        assertThat(withAnn.lastMessage().orElseThrow().content()).contains("sure");
        assertThat(withAnn.unreadCount()).isEqualTo(2);
        assertThat(local.history(WITH_ANN, 10)).extracting(StoredMessage::messageUid)
                .containsExactly(before.get(3), before.get(1), before.get(0));
        assertThat(local.awaitIndexed(WAIT)).isTrue(); // what was not indexed before the close is indexed now
        assertThat(local.search(SearchQuery.keyword("明天").build()).messages()).extracting(StoredMessage::messageUid)
                .containsExactly(before.get(0));
        assertThat(local.search(SearchQuery.keyword("cafe").build()).messages()).hasSize(1);
        assertThat(offline.connect()).failsWithin(WAIT).withThrowableThat().havingCause()
                .isInstanceOf(ImClientException.class);

        // the server comes back; ann writes more; the same client connects and gets only the new messages
        server.restart();
        ImClient annAgain = connect("ann");
        SendResult newPrivate = annAgain.sendPrivate("bob", "RC:TxtMsg", text("new private")).join();
        SendResult newGroup = annAgain.sendGroup("hikers", "RC:TxtMsg", text("new group")).join();
        offline.connect().join();
        await().atMost(WAIT).until(() -> local.history(WITH_ANN, 10).size() == 4
                && local.history(HIKERS, 10).size() == 3);
        await().atMost(WAIT).until(() -> offline.groupCursor("hikers") >= newGroup.seq()
                && offline.inboxCursor() >= newPrivate.inboxSeq());
        assertThat(heardAfter).extracting(ReceivedMessage::messageUid)
                .contains(newPrivate.messageUid(), newGroup.messageUid()).doesNotContainAnyElementsOf(before);
        assertThat(local.history(WITH_ANN, 10)).extracting(StoredMessage::messageUid).doesNotHaveDuplicates()
                .startsWith(newPrivate.messageUid());
        assertThat(local.conversation(WITH_ANN).orElseThrow().unreadCount()).isEqualTo(3);
    }

    @Test
    void twoUsersOfOneDeviceKeepTheirOwnFilesAndASignedOutUsersFileIsWiped() throws Exception {
        LocalStore bobsStore = store("bob");
        LocalStore carolsStore = store("carol");
        ImClient bob = connect("bob", bobsStore, new CopyOnWriteArrayList<>());
        ImClient carol = connect("carol", carolsStore, new CopyOnWriteArrayList<>());
        ImClient ann = connect("ann");
        String toBob = ann.sendPrivate("bob", "RC:TxtMsg", text("secret for bob")).join().messageUid();
        String toCarol = ann.sendPrivate("carol", "RC:TxtMsg", text("secret for carol")).join().messageUid();
        String toBoth = ann.sendGroup("hikers", "RC:TxtMsg", text("secret for the group")).join().messageUid();
        await().atMost(WAIT).until(() -> bobsStore.message(toBoth).isPresent()
                && carolsStore.message(toBoth).isPresent() && bobsStore.message(toBob).isPresent()
                && carolsStore.message(toCarol).isPresent());

        assertThat(bobsStore.awaitIndexed(WAIT)).isTrue();
        assertThat(carolsStore.awaitIndexed(WAIT)).isTrue();
        assertThat(bobsStore.search(SearchQuery.keyword("secret").build()).messages())
                .extracting(StoredMessage::messageUid).containsExactly(toBoth, toBob);
        assertThat(carolsStore.search(SearchQuery.keyword("secret").build()).messages())
                .extracting(StoredMessage::messageUid).containsExactly(toBoth, toCarol);
        Path carolsFile = LocalStores.file(deviceDir, server.appKey(), "carol");
        assertThat(carolsFile).exists();

        carol.logout(true);
        try (var files = Files.list(carolsFile.getParent())) {
            assertThat(files.map(path -> path.getFileName().toString()).toList())
                    .allMatch(name -> name.startsWith("bob.db")).isNotEmpty();
        }
        assertThat(bob.localStore()).containsSame(bobsStore);
        assertThat(bobsStore.message(toBob)).isPresent();
        LocalStore carolAgain = store("carol");
        assertThat(carolAgain.conversations()).isEmpty();
        assertThat(carolAgain.load()).isZero();
    }

    @Test
    void aClientRefusesAStoreOfAnotherUserThanTheTokensAndSyncsNothingIntoIt() throws Exception {
        LocalStore carolsStore = store("carol");
        ImClient carol = connect("carol", carolsStore, new CopyOnWriteArrayList<>());
        ImClient ann = connect("ann");
        String toCarol = ann.sendPrivate("carol", "RC:TxtMsg", text("for carol")).join().messageUid();
        await().atMost(WAIT).until(() -> carolsStore.message(toCarol).isPresent());
        carol.close();
        long carolsCursor = carolsStore.load();
        List<StoredConversation> carolsConversations = carolsStore.conversations();
        assertThat(carolsConversations).extracting(StoredConversation::id).contains(WITH_ANN);
        String toBob = ann.sendPrivate("bob", "RC:TxtMsg", text("for bob only")).join().messageUid();

        // bob's token with carol's store: refused at CONNACK, before anything is synced
        List<ReceivedMessage> heard = new CopyOnWriteArrayList<>();
        ImClient wrong = server.client("bob", "bob-phone", "Android").localStore(carolsStore).build();
        clients.add(wrong);
        wrong.addMessageListener(heard::add);
        assertThat(wrong.connect()).failsWithin(WAIT).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(ImClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(ImClientException.STORE_OF_ANOTHER_USER).isEqualTo(-5);
                    assertThat(e.getMessage()).isEqualTo("the local store is carol's, the token bob's");
                });
        assertThat(wrong.status()).isEqualTo(ConnectionStatus.CONNECT_REFUSED);

        // bob's own store gets the message that was waiting; carol's never does
        LocalStore bobsStore = store("bob");
        connect("bob", bobsStore, new CopyOnWriteArrayList<>());
        await().atMost(WAIT).until(() -> bobsStore.message(toBob).isPresent());
        assertThat(heard).isEmpty();
        assertThat(carolsStore.message(toBob)).isEmpty();
        assertThat(carolsStore.load()).isEqualTo(carolsCursor);
        assertThat(carolsStore.conversations()).isEqualTo(carolsConversations);
        assertThat(carolsStore.history(WITH_ANN, 10)).extracting(StoredMessage::messageUid).containsExactly(toCarol);
    }
}
