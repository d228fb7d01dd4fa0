package io.parley.starter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationType;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.client.store.ConversationId;
import io.parley.client.store.LocalStore;
import io.parley.client.store.LocalStores;
import io.parley.client.store.SearchPage;
import io.parley.client.store.SearchQuery;
import io.parley.client.store.StoredMessage;
import io.parley.client.ultragroup.UltragroupClient;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java SDK's local store follows what happens to the messages it keeps (recalls, deletions, expansions, edits,
 * read positions), keeps no chatroom message, and searches what the server delivered.
 */
class LocalStoreUpdatesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ConversationId WITH_ANN = ConversationId.privateChat("ann");

    @TempDir
    Path serverDir;
    @TempDir
    Path deviceDir;
    EmbeddedParley server;
    final List<ImClient> clients = new ArrayList<>();
    LocalStore bobsStore;
    ImClient bob;
    final List<ReceivedMessage> bobHeard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = EmbeddedParley.start(serverDir);
        bobsStore = LocalStores.mapDb(deviceDir, server.appKey(), "bob");
        bob = server.client("bob", "bob-phone", "Android").localStore(bobsStore).build();
        bob.addMessageListener(bobHeard::add);
        bob.connect().join();
        clients.add(bob);
    }

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        bobsStore.close();
        server.close();
    }

    private ImClient connect(String userId, String deviceId) {
        ImClient client = server.client(userId, deviceId, "PC").build();
        client.connect().join();
        clients.add(client);
        return client;
    }

    private static String text(String text) {
        return "{\"content\":\"" + text + "\"}";
    }

    /** The search once the store's background indexer has caught up with what it stored. */
    private List<String> found(SearchQuery query) {
        try {
            assertThat(bobsStore.awaitIndexed(WAIT)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return bobsStore.search(query).messages().stream().map(StoredMessage::messageUid).toList();
    }

    @Test
    void recallsDeletionsExpansionsAndReadPositionsUpdateTheStore() {
        ImClient ann = connect("ann", "ann-pc");
        SendResult recalled = ann.sendPrivate("bob", "RC:TxtMsg", text("typo message")).join();
        SendResult deleted = ann.sendPrivate("bob", "RC:TxtMsg", text("wrong chat")).join();
        SendResult voted = ann.sendPrivate("bob", "RC:TxtMsg", text("lunch vote")).join();
        await().atMost(WAIT).until(() -> bobsStore.message(voted.messageUid()).isPresent());
        assertThat(bobsStore.conversation(WITH_ANN).orElseThrow().unreadCount()).isEqualTo(3);

        ann.sendPrivate("bob", "RC:RcCmd", "{\"messageUId\":\"" + recalled.messageUid()
                + "\",\"conversationType\":\"1\",\"targetId\":\"bob\",\"isDelete\":0}").join();
        ann.sendPrivate("bob", "RC:RcCmd", "{\"messageUId\":\"" + deleted.messageUid()
                + "\",\"conversationType\":\"1\",\"targetId\":\"bob\",\"isDelete\":1}").join();
        Map<String, Object> expansion = new LinkedHashMap<>();
        expansion.put("conversationType", 1);
        expansion.put("targetId", "bob");
        expansion.put("messageUid", voted.messageUid());
        expansion.put("values", Map.of("pizza", "2"));
        ann.command("message.expansion.set", expansion).join();

        await().atMost(WAIT).until(() -> bobsStore.message(deleted.messageUid()).isEmpty()
                && bobsStore.message(voted.messageUid()).orElseThrow().expansion().containsKey("pizza"));
        assertThat(bobsStore.message(voted.messageUid()).orElseThrow().expansion()).isEqualTo(Map.of("pizza", "2"));
        StoredMessage notice = bobsStore.message(recalled.messageUid()).orElseThrow();
        assertThat(notice.objectName()).isEqualTo("RC:RcNtf");
        assertThat(notice.content()).contains("\"operatorId\":\"ann\"");
        assertThat(found(SearchQuery.keyword("typo").build())).isEmpty();
        assertThat(found(SearchQuery.keyword("wrong").build())).isEmpty();
        assertThat(bobsStore.history(WITH_ANN, 10)).extracting(StoredMessage::messageUid)
                .containsExactly(voted.messageUid(), recalled.messageUid()); // the commands themselves are not kept
        assertThat(bobsStore.conversation(WITH_ANN).orElseThrow().unreadCount()).isEqualTo(1);

        // bob reads the chat on his other device: the server tells this one, and its store clears the count
        ImClient bobPc = connect("bob", "bob-pc");
        bobPc.command("conversation.read", Map.of("conversationType", 1, "targetId", "ann")).join();
        await().atMost(WAIT).until(() -> bobsStore.conversation(WITH_ANN).orElseThrow().unreadCount() == 0);
        assertThat(bobsStore.conversation(WITH_ANN).orElseThrow().readTime()).isGreaterThanOrEqualTo(voted.sentTime());

        // the app deletes a message on this device only
        assertThat(bobsStore.deleteMessage(recalled.messageUid())).isTrue();
        assertThat(bobsStore.history(WITH_ANN, 10)).extracting(StoredMessage::messageUid)
                .containsExactly(voted.messageUid());
    }

    @Test
    void ultragroupMessagesEditsAndFetchedHistoryAreKeptChatroomMessagesAreNot() {
        assertThat(server.serverApi().post("/ultragroup/create.json", "groupId", "guild", "userId", "ann",
                "groupName", "Guild").code()).isEqualTo(200);
        assertThat(server.serverApi().post("/ultragroup/join.json", "groupId", "guild", "userId", "bob").code())
                .isEqualTo(200);
        assertThat(server.serverApi().post("/ultragroup/channel/create.json", "groupId", "guild", "busChannel",
                "news").code()).isEqualTo(200);
        ImClient ann = connect("ann", "ann-pc");
        UltragroupClient annGuild = new UltragroupClient(ann);
        UltragroupClient bobGuild = new UltragroupClient(bob);
        bobGuild.subscribe("guild").join();
        ConversationId general = new ConversationId(ConversationType.ULTRA_GROUP, "guild");
        ConversationId news = new ConversationId(ConversationType.ULTRA_GROUP, "guild:news");

        SendResult said = annGuild.send("guild", "RC:TxtMsg", text("raid tonight")).join();
        await().atMost(WAIT).until(() -> bobsStore.message(said.messageUid()).isPresent());
        annGuild.modify("guild", said.messageUid(), text("raid tomorrow")).join();
        await().atMost(WAIT).until(() -> bobsStore.message(said.messageUid()).orElseThrow().version() == 1);
        assertThat(bobsStore.message(said.messageUid()).orElseThrow().content()).contains("raid tomorrow");
        assertThat(found(SearchQuery.keyword("tomorrow").in(general).build())).containsExactly(said.messageUid());
        assertThat(found(SearchQuery.keyword("tonight").build())).isEmpty();

        // a channel this device did not open: kept once its history is read
        SendResult headline = annGuild.send("guild:news", "RC:TxtMsg", text("patch notes")).join();
        assertThat(bobsStore.message(headline.messageUid())).isEmpty();
        bobGuild.historyBefore("guild:news", 0, 20).join();
        assertThat(bobsStore.history(news, 10)).extracting(StoredMessage::messageUid)
                .containsExactly(headline.messageUid());

        // chatrooms: heard, never kept
        bob.command("chatroom.join", Map.of("roomId", "hall")).join();
        ann.command("chatroom.join", Map.of("roomId", "hall")).join();
        SendResult roomTalk = ann.send(ConversationType.CHATROOM, "hall", "RC:TxtMsg", text("room talk")).join();
        await().atMost(WAIT).until(() -> bobHeard.stream().anyMatch(m -> m.messageUid().equals(roomTalk.messageUid())));
        assertThat(bobsStore.message(roomTalk.messageUid())).isEmpty();
        assertThat(bobsStore.conversation(new ConversationId(ConversationType.CHATROOM, "hall"))).isEmpty();
        assertThat(found(SearchQuery.keyword("room").build())).isEmpty();
    }

    @Test
    void searchFindsChineseJapaneseAndAccentedTextBySenderAndTimeInPages() {
        ImClient ann = connect("ann", "ann-pc");
        ImClient carol = connect("carol", "carol-pc");
        String chinese = ann.sendPrivate("bob", "RC:TxtMsg", text("周末一起去北京烤鸭店吧")).join().messageUid();
        String japanese = carol.sendPrivate("bob", "RC:TxtMsg", text("東京でお寿司を食べました")).join().messageUid();
        SendResult accented = ann.sendPrivate("bob", "RC:TxtMsg", text("Rendez-vous au Café Crème")).join();
        String plain = carol.sendPrivate("bob", "RC:TxtMsg", text("the cafe is closed")).join().messageUid();
        String file = ann.sendPrivate("bob", "RC:FileMsg", "{\"name\":\"北京-trip.pdf\",\"size\":10}").join().messageUid();
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            reports.add(ann.sendPrivate("bob", "RC:TxtMsg", text("weekly report " + i)).join().messageUid());
        }
        await().atMost(WAIT).until(() -> bobsStore.message(reports.get(24)).isPresent());

        assertThat(found(SearchQuery.keyword("北京").build())).containsExactly(file, chinese);
        assertThat(found(SearchQuery.keyword("烤鸭").in(WITH_ANN).build())).containsExactly(chinese);
        assertThat(found(SearchQuery.keyword("烤鸭").in(ConversationId.privateChat("carol")).build())).isEmpty();
        assertThat(found(SearchQuery.keyword("お寿司").build())).containsExactly(japanese);
        assertThat(found(SearchQuery.keyword("寿").build())).containsExactly(japanese);
        assertThat(found(SearchQuery.keyword("cafe creme").build())).containsExactly(accented.messageUid());
        assertThat(found(SearchQuery.keyword("CAFÉ").build())).containsExactly(plain, accented.messageUid());
        assertThat(found(SearchQuery.keyword("cafe").from("carol").build())).containsExactly(plain);
        assertThat(found(SearchQuery.keyword("cafe").sentBetween(0, accented.sentTime() + 1).build()))
                .containsExactly(accented.messageUid());

        List<String> paged = new ArrayList<>();
        SearchPage page = bobsStore.search(SearchQuery.keyword("report").limit(10).build());
        paged.addAll(page.messages().stream().map(StoredMessage::messageUid).toList());
        while (page.next().isPresent()) {
            page = bobsStore.search(SearchQuery.keyword("report").limit(10).before(page.next().get()).build());
            assertThat(page.messages()).hasSizeLessThanOrEqualTo(10);
            paged.addAll(page.messages().stream().map(StoredMessage::messageUid).toList());
        }
        List<String> newestFirst = new ArrayList<>(reports);
        java.util.Collections.reverse(newestFirst);
        assertThat(paged).isEqualTo(newestFirst);
    }
}
