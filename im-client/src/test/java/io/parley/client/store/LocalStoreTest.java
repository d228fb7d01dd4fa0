package io.parley.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.model.ConversationType;
import io.parley.client.ReceivedMessage;
import io.parley.client.SyncPosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MapDB store on a file in a temp folder: what it keeps, how it counts, how it searches. */
class LocalStoreTest {
    private static final ConversationId BOB = ConversationId.privateChat("bob");
    private static final ConversationId TEAM = ConversationId.group("team");

    @TempDir
    Path dir;
    private LocalStore store;
    private long inboxSeq;

    @BeforeEach
    void open() {
        store = LocalStores.mapDb(dir, "app", "alice");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void messagesConversationsAndCursorsSurviveReopening() {
        store.received(List.of(text("m1", BOB, "bob", "hello", 1000), text("m2", TEAM, "carol", "meeting", 2000),
                text("m3", BOB, "alice", "hi bob", 3000)), SyncPosition.inbox(3));
        store.received(List.of(), SyncPosition.conversation(TEAM.key(), 7));
        store.setPinned(TEAM, true);
        store.setDraft(BOB, "see you");
        store.close();

        store = LocalStores.mapDb(dir, "app", "alice");
        assertThat(store.load()).isEqualTo(3);
        assertThat(store.loadConversations()).isEqualTo(Map.of(TEAM.key(), 7L));
        assertThat(store.conversations()).extracting(StoredConversation::id).containsExactly(TEAM, BOB);
        StoredConversation bob = store.conversation(BOB).orElseThrow();
        assertThat(bob.lastMessage().orElseThrow().messageUid()).isEqualTo("m3");
        assertThat(bob.draft()).isEqualTo("see you");
        assertThat(bob.unreadCount()).isEqualTo(1); // bob's hello; alice's own message never counts
        assertThat(store.history(BOB, 10)).extracting(StoredMessage::messageUid).containsExactly("m3", "m1");
        StoredMessage newest = store.history(BOB, 1).get(0);
        assertThat(store.historyBefore(BOB, newest, 10)).extracting(StoredMessage::messageUid).containsExactly("m1");
    }

    @Test
    void aMessageReceivedTwiceIsKeptOnceAndCountedOnce() {
        store.received(List.of(text("m1", BOB, "bob", "hello", 1000)), SyncPosition.inbox(1));
        store.received(List.of(text("m1", BOB, "bob", "hello", 1000)), SyncPosition.inbox(1));
        assertThat(store.history(BOB, 10)).hasSize(1);
        assertThat(store.conversation(BOB).orElseThrow().unreadCount()).isEqualTo(1);
    }

    @Test
    void unreadAndMentionsCountUntilRead() {
        store.received(List.of(
                text("m1", TEAM, "bob", "one", 1000),
                message("m2", TEAM, "bob", "RC:TxtMsg", "{\"content\":\"@alice look\",\"mentionedInfo\":"
                        + "{\"type\":2,\"userIdList\":[\"alice\"]}}", 2000, true),
                message("m3", TEAM, "carol", "RC:TxtMsg", "{\"content\":\"@all\",\"mentionedInfo\":{\"type\":1}}",
                        3000, true),
                message("m4", TEAM, "carol", "RC:TxtMsg", "{\"content\":\"@dave\",\"mentionedInfo\":"
                        + "{\"type\":2,\"userIdList\":[\"dave\"]}}", 4000, true),
                message("m5", TEAM, "server", "RC:GrpNtf", "{\"operation\":\"Add\"}", 5000, false)),
                SyncPosition.NONE);
        StoredConversation team = store.conversation(TEAM).orElseThrow();
        assertThat(team.unreadCount()).isEqualTo(4);
        assertThat(team.mentionCount()).isEqualTo(2);
        assertThat(team.mentionedAll()).isTrue();

        store.markRead(TEAM, 2000);
        team = store.conversation(TEAM).orElseThrow();
        assertThat(team.unreadCount()).isEqualTo(2);
        assertThat(team.mentionCount()).isEqualTo(1);
        assertThat(team.readTime()).isEqualTo(2000);

        store.eventReceived("conversation.changed", Map.of("conversationType", 3, "targetId", "team",
                "readTime", 4000L, "pinned", true, "unpushLevel", 5));
        team = store.conversation(TEAM).orElseThrow();
        assertThat(team.unreadCount()).isZero();
        assertThat(team.mentionCount()).isZero();
        assertThat(team.mentionedAll()).isFalse();
        assertThat(team.pinned()).isTrue();
        assertThat(team.muted()).isTrue();
    }

    @Test
    void aRecallTurnsTheMessageIntoANoticeThatIsNeitherSearchedNorCounted() {
        store.received(List.of(text("m1", BOB, "bob", "secret plan", 1000)), SyncPosition.inbox(1));
        store.received(List.of(message("r1", BOB, "bob", "RC:RcCmd", "{\"messageUId\":\"m1\",\"isDelete\":false}",
                1500, false)), SyncPosition.inbox(2));

        StoredMessage recalled = store.message("m1").orElseThrow();
        assertThat(recalled.objectName()).isEqualTo("RC:RcNtf");
        assertThat(recalled.content()).contains("\"originalObjectName\":\"RC:TxtMsg\"").contains("\"operatorId\":\"bob\"");
        assertThat(store.message("r1")).isEmpty();
        assertThat(searchIndexed(store, SearchQuery.keyword("secret").build()).messages()).isEmpty();
        assertThat(store.conversation(BOB).orElseThrow().unreadCount()).isZero();
    }

    @Test
    void aRecallThatDeletesRemovesTheMessageAndTheLastMessageFallsBack() {
        store.received(List.of(text("m1", BOB, "bob", "first", 1000), text("m2", BOB, "bob", "second", 2000)),
                SyncPosition.inbox(2));
        store.received(List.of(message("r1", BOB, "bob", "RC:RcCmd", "{\"messageUId\":\"m2\",\"isDelete\":true}",
                2500, false)), SyncPosition.inbox(3));
        assertThat(store.message("m2")).isEmpty();
        StoredConversation bob = store.conversation(BOB).orElseThrow();
        assertThat(bob.lastMessage().orElseThrow().messageUid()).isEqualTo("m1");
        assertThat(bob.unreadCount()).isEqualTo(1);
        assertThat(searchIndexed(store, SearchQuery.keyword("second").build()).messages()).isEmpty();

        assertThat(store.deleteMessage("m1")).isTrue();
        assertThat(store.deleteMessage("m1")).isFalse();
        assertThat(store.conversation(BOB).orElseThrow().lastMessage()).isEmpty();
    }

    @Test
    void anUltragroupEditReplacesTheContentAndTheIndexAndAnExpansionChangeIsApplied() {
        ConversationId channel = new ConversationId(ConversationType.ULTRA_GROUP, "guild:general");
        store.received(List.of(text("u1", channel, "bob", "old words", 1000)), SyncPosition.NONE);
        store.received(List.of(message("e1", channel, "bob", "Parley:UgMsgModify",
                "{\"messageUId\":\"u1\",\"seq\":1,\"version\":1,\"content\":\"{\\\"content\\\":\\\"new words\\\"}\"}",
                2000, false)), SyncPosition.NONE);
        StoredMessage edited = store.message("u1").orElseThrow();
        assertThat(edited.version()).isEqualTo(1);
        assertThat(SearchableText.of(edited.objectName(), edited.content())).isEqualTo("new words");
        assertThat(searchIndexed(store, SearchQuery.keyword("old").build()).messages()).isEmpty();
        assertThat(searchIndexed(store, SearchQuery.keyword("new").build()).messages()).extracting(StoredMessage::messageUid)
                .containsExactly("u1");

        store.received(List.of(message("x1", channel, "bob", "Parley:ExpansionChange",
                "{\"messageUId\":\"u1\",\"put\":{\"like\":{\"v\":\"3\",\"ts\":1}}}", 3000, false)), SyncPosition.NONE);
        store.received(List.of(message("x2", channel, "bob", "Parley:ExpansionChange",
                "{\"messageUId\":\"u1\",\"put\":{\"star\":{\"v\":\"1\",\"ts\":2}},\"del\":[\"like\"]}", 3100, false)),
                SyncPosition.NONE);
        assertThat(store.message("u1").orElseThrow().expansion()).isEqualTo(Map.of("star", "1"));
        assertThat(store.history(channel, 10)).extracting(StoredMessage::messageUid).containsExactly("u1");
    }

    @Test
    void chatroomMessagesStatusMessagesAndNoticesAreNotKept() {
        ConversationId room = new ConversationId(ConversationType.CHATROOM, "lobby");
        store.received(List.of(
                new ReceivedMessage(0, ConversationType.CHATROOM, "lobby", "bob", "RC:TxtMsg",
                        "{\"content\":\"room talk\"}", null, null, "c1", 5, 1000, null, true, true),
                new ReceivedMessage(0, ConversationType.PRIVATE, "bob", "bob", "RC:TypSts", "{}", null, null, "t1", 0,
                        1000, null, false, false),
                new ReceivedMessage(0, ConversationType.GROUP, "team", "plugin:reactions", "Reactions:Changed", "{}",
                        null, null, "n1", 9, 1000, null, false, false, true)), SyncPosition.NONE);
        assertThat(store.conversations()).isEmpty();
        assertThat(store.history(room, 10)).isEmpty();
        assertThat(searchIndexed(store, SearchQuery.keyword("room").build()).messages()).isEmpty();
    }

    @Test
    void searchFindsChineseJapaneseAndAccentedLatinAsExactSubstrings() {
        store.received(List.of(
                text("zh1", TEAM, "bob", "我们明天去东京都玩", 1000),
                text("zh2", TEAM, "bob", "东京和京都都很好", 2000),
                text("ja1", BOB, "bob", "ラーメンを食べに行きましょう", 3000),
                text("fr1", BOB, "bob", "On se voit au Café de Flore?", 4000),
                text("en1", BOB, "alice", "the CAFE is closed", 5000),
                message("f1", BOB, "bob", "RC:FileMsg", "{\"name\":\"Quarterly-Report.pdf\",\"size\":1}", 6000, true)),
                SyncPosition.NONE);

        assertThat(uids(SearchQuery.keyword("东京都").build())).containsExactly("zh1"); // zh2 has both bigrams, apart
        assertThat(uids(SearchQuery.keyword("京都").build())).containsExactly("zh2", "zh1");
        assertThat(uids(SearchQuery.keyword("京").build())).containsExactly("zh2", "zh1");
        assertThat(uids(SearchQuery.keyword("ラーメン").build())).containsExactly("ja1");
        assertThat(uids(SearchQuery.keyword("食べ").build())).containsExactly("ja1");
        assertThat(uids(SearchQuery.keyword("cafe").build())).containsExactly("en1", "fr1");
        assertThat(uids(SearchQuery.keyword("Café de").build())).containsExactly("fr1");
        assertThat(uids(SearchQuery.keyword("report.pdf").build())).containsExactly("f1");
        assertThat(uids(SearchQuery.keyword("cafe").in(BOB).from("bob").build())).containsExactly("fr1");
        assertThat(uids(SearchQuery.keyword("京都").in(BOB).build())).isEmpty();
        assertThat(uids(SearchQuery.keyword("cafe").sentBetween(4500, 10_000).build())).containsExactly("en1");
        assertThat(uids(SearchQuery.all().from("alice").build())).containsExactly("en1");
        assertThat(uids(SearchQuery.keyword("nothing").build())).isEmpty();
    }

    @Test
    void searchPagesNewestFirstWithACursor() {
        List<ReceivedMessage> batch = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            batch.add(text("m" + i, i % 2 == 0 ? BOB : TEAM, "bob", "report number " + i, 1000L * i));
        }
        store.received(batch, SyncPosition.NONE);

        List<String> seen = new ArrayList<>();
        SearchQuery.Builder query = SearchQuery.keyword("report").limit(20);
        SearchPage page = searchIndexed(store, query.build());
        seen.addAll(page.messages().stream().map(StoredMessage::messageUid).toList());
        assertThat(page.messages()).hasSize(20);
        while (page.next().isPresent()) {
            page = searchIndexed(store, SearchQuery.keyword("report").limit(20).before(page.next().get()).build());
            seen.addAll(page.messages().stream().map(StoredMessage::messageUid).toList());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 45; i >= 1; i--) {
            expected.add("m" + i);
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void twoUsersInOneFolderKeepTwoFilesThatNeverMix() {
        store.received(List.of(text("a1", BOB, "bob", "for alice only", 1000)), SyncPosition.inbox(1));
        try (LocalStore carol = LocalStores.mapDb(dir, "app", "carol")) {
            carol.received(List.of(text("c1", BOB, "bob", "for carol only", 2000)), SyncPosition.inbox(9));
            assertThat(carol.load()).isEqualTo(9);
            assertThat(searchIndexed(carol, SearchQuery.keyword("only").build()).messages())
                    .extracting(StoredMessage::messageUid).containsExactly("c1");
        }
        assertThat(store.load()).isEqualTo(1);
        assertThat(uids(SearchQuery.keyword("only").build())).containsExactly("a1");
        assertThat(LocalStores.file(dir, "app", "alice")).exists();
        assertThat(LocalStores.file(dir, "app", "carol")).exists();
    }

    @Test
    void wipeDeletesTheFileAndTheStoreStartsEmptyAfterwards() throws Exception {
        store.received(List.of(text("a1", BOB, "bob", "hello", 1000)), SyncPosition.inbox(1));
        store.wipe();
        assertThatThrownBy(() -> store.conversations()).isInstanceOf(IllegalStateException.class);
        try (var files = Files.list(LocalStores.file(dir, "app", "alice").getParent())) {
            assertThat(files.toList()).isEmpty();
        }
        store = LocalStores.mapDb(dir, "app", "alice");
        assertThat(store.load()).isZero();
        assertThat(store.conversations()).isEmpty();
    }

    @Test
    void userIdsThatAreNoFileNamesAreEncoded() {
        Path file = LocalStores.file(dir, "app/../x", "../eve");
        assertThat(file.getParent().getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).doesNotContain("/").endsWith(".db");
    }

    @Test
    void theInMemoryStoreKeepsAndSearchesTheSameWayAndIsGoneOnceWiped() {
        try (LocalStore memory = LocalStores.inMemory("app", "alice")) {
            memory.received(List.of(text("m1", BOB, "bob", "Crème brûlée 好吃", 1000)), SyncPosition.inbox(1));
            assertThat(memory.load()).isEqualTo(1);
            assertThat(searchIndexed(memory, SearchQuery.keyword("creme brulee").build()).messages()).hasSize(1);
            assertThat(searchIndexed(memory, SearchQuery.keyword("好吃").build()).messages()).hasSize(1);
            memory.wipe();
            assertThatThrownBy(memory::load).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aFileOfAnotherUserIsRefused() {
        store.close();
        Path alicesFile = LocalStores.file(dir, "app", "alice");
        Path renamed = LocalStores.file(dir, "app", "mallory");
        assertThat(alicesFile.toFile().renameTo(renamed.toFile())).isTrue();
        assertThatThrownBy(() -> LocalStores.mapDb(dir, "app", "mallory")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("alice");
        store = LocalStores.mapDb(dir, "app", "alice");
    }

    @Test
    void aClientTakesALocalStoreOrACursorStoreNotBoth() {
        assertThatThrownBy(() -> io.parley.client.ImClient.builder().address("127.0.0.1", 1).token("t").deviceId("d")
                .localStore(store).cursorStore(io.parley.client.CursorStore.inMemory()).build())
                .isInstanceOf(IllegalStateException.class);
        try (io.parley.client.ImClient client = io.parley.client.ImClient.builder().address("127.0.0.1", 1)
                .token("t").deviceId("d").localStore(store).build()) {
            assertThat(client.localStore()).containsSame(store);
        }
    }

    @Test
    void searchFollowsInTheBackgroundAndFindsEveryPageOnceIndexed() throws Exception {
        int pages = 10;
        for (int p = 0; p < pages; p++) {
            List<ReceivedMessage> page = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = p * 200 + i;
                page.add(text("m" + n, n % 2 == 0 ? BOB : TEAM, "bob",
                        (n % 3 == 0 ? "quarterly budget " : "lunch ") + "東京都 " + n, 1000L + n));
            }
            store.received(page, SyncPosition.inbox(inboxSeq));
        }
        assertThat(store.awaitIndexed(Duration.ofSeconds(60))).isTrue();
        assertThat(store.search(SearchQuery.keyword("budget").limit(500).build()).messages()).hasSize(500);
        assertThat(countAll(SearchQuery.keyword("quarterly budget"))).isEqualTo(667); // n % 3 == 0 of 2,000
        assertThat(countAll(SearchQuery.keyword("京都"))).isEqualTo(2000);
        assertThat(countAll(SearchQuery.keyword("lunch").in(TEAM))).isEqualTo(667); // odd n, not % 3: 1000 - 333
        assertThat(uids(SearchQuery.keyword("1999").build())).containsExactly("m1999");
    }

    @Test
    void messagesStoredButNotIndexedAreIndexedAtTheNextOpen() throws Exception {
        store.close();
        store = LocalStores.mapDb(dir, "app", "alice", false); // as if the app stopped before the indexer ran
        store.received(List.of(text("m1", BOB, "bob", "gâteau au chocolat", 1000),
                text("m2", TEAM, "carol", "チョコレート", 2000)), SyncPosition.inbox(1));
        store.received(List.of(text("m3", BOB, "bob", "another chocolat", 3000)), SyncPosition.inbox(2));
        assertThat(store.deleteMessage("m3")).isTrue();
        assertThat(store.awaitIndexed(Duration.ofMillis(200))).isFalse();
        assertThat(store.search(SearchQuery.keyword("chocolat").build()).messages()).isEmpty(); // not indexed
        assertThat(store.search(SearchQuery.all().build()).messages()).extracting(StoredMessage::messageUid)
                .containsExactly("m2", "m1"); // the timeline is written with the messages
        store.close();

        store = LocalStores.mapDb(dir, "app", "alice");
        assertThat(store.awaitIndexed(Duration.ofSeconds(30))).isTrue();
        assertThat(uids(SearchQuery.keyword("chocolat").build())).containsExactly("m1");
        assertThat(uids(SearchQuery.keyword("チョコ").build())).containsExactly("m2");
        assertThat(store.load()).isEqualTo(2);
    }

    @Test
    void closeAndWipeStopTheIndexerAndNothingWaitingIsLost() throws Exception {
        for (int p = 0; p < 5; p++) {
            List<ReceivedMessage> page = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = p * 200 + i;
                page.add(text("m" + n, BOB, "bob", "deadline number " + n + " 会议", 1000L + n));
            }
            store.received(page, SyncPosition.inbox(inboxSeq));
        }
        store.close(); // most likely while the indexer is busy
        assertThat(indexerThreads()).isEmpty();
        assertThatThrownBy(() -> store.awaitIndexed(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);

        store = LocalStores.mapDb(dir, "app", "alice");
        assertThat(indexerThreads()).hasSize(1);
        assertThat(store.awaitIndexed(Duration.ofSeconds(60))).isTrue();
        assertThat(countAll(SearchQuery.keyword("deadline 会议"))).isEqualTo(1000);
        store.received(List.of(text("x1", BOB, "bob", "one more deadline", 5000)), SyncPosition.inbox(inboxSeq));
        store.wipe();
        assertThat(indexerThreads()).isEmpty();
        assertThat(LocalStores.file(dir, "app", "alice")).doesNotExist();
        store = LocalStores.mapDb(dir, "app", "alice");
    }

    private static List<Thread> indexerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("parley-local-store-indexer-app/alice") && t.isAlive()).toList();
    }

    private int countAll(SearchQuery.Builder query) {
        int count = 0;
        SearchPage page = store.search(query.limit(500).build());
        while (true) {
            count += page.messages().size();
            if (page.next().isEmpty()) {
                return count;
            }
            page = store.search(query.limit(500).before(page.next().get()).build());
        }
    }

    /** Waits for the background indexer, then searches: what was stored is searchable. */
    private static SearchPage searchIndexed(LocalStore local, SearchQuery query) {
        try {
            assertThat(local.awaitIndexed(Duration.ofSeconds(30))).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return local.search(query);
    }

    private List<String> uids(SearchQuery query) {
        return searchIndexed(store, query).messages().stream().map(StoredMessage::messageUid).toList();
    }

    private ReceivedMessage text(String uid, ConversationId id, String from, String text, long time) {
        return message(uid, id, from, "RC:TxtMsg", "{\"content\":\"" + text + "\"}", time, true);
    }

    private ReceivedMessage message(String uid, ConversationId id, String from, String objectName, String content,
            long time, boolean counted) {
        boolean inbox = id.type() == ConversationType.PRIVATE;
        return new ReceivedMessage(inbox ? ++inboxSeq : 0, id.type(), id.targetId(), from, objectName, content, null,
                null, uid, inbox ? 0 : time, time, null, true, counted);
    }
}
