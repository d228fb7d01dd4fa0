package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.MessageKind;
import io.parley.api.model.Platform;
import io.parley.api.plugin.CommitHook;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MemberPage;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ClientCommand;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin author's view of the conversation service: keys, who may read, members page by page, and notices that
 * reach members' devices as notices (online by DELIVER, offline by SYNC) and nowhere as messages; and the platform of
 * a command's caller.
 */
class ConversationServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    static final String PLUGIN = "convo-test";
    static final String NOTICE = "Convo:Reaction";

    static volatile ConversationService conversations;
    static volatile io.parley.api.plugin.MessagePublisher publisher;
    static final List<Message> HOOKED_NOTICES = new CopyOnWriteArrayList<>();

    /** Keeps its conversation service; answers the caller's platform; records the notices committed. */
    static final class ConvoPlugin implements ImPlugin {
        @Override
        public String name() {
            return PLUGIN;
        }

        @Override
        public PluginInstance create(PluginContext context) {
            conversations = context.conversations();
            publisher = context.publisher();
            return new PluginInstance() {
                @Override
                public List<ClientCommand> clientCommands() {
                    return List.of(new ClientCommand() {
                        @Override
                        public String name() {
                            return "convo-test.whoami";
                        }

                        @Override
                        public Map<String, Object> handle(Caller caller, Map<String, Object> body) {
                            return Map.of("userId", caller.userId(), "platform", caller.platform().name());
                        }
                    });
                }

                @Override
                public List<CommitHook> commitHooks() {
                    return List.of(new CommitHook() {
                        @Override
                        public String name() {
                            return "convo-test.notices";
                        }

                        @Override
                        public void afterCommit(Message message, MessageKind kind) {
                            if (kind == MessageKind.NOTICE) {
                                HOOKED_NOTICES.add(message);
                            }
                        }
                    });
                }
            };
        }
    }

    @TempDir
    static Path dataDir;

    static ParleyServer server;
    static ServerApiClient api;

    @BeforeAll
    static void start() {
        server = Parley.builder().isolated().discoverPlugins(false).plugin(new ConvoPlugin())
                .config(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1", "data.dir",
                        dataDir.toString(), "app.key", "convo-key", "app.secret", "convo-secret"))
                .build().start();
        api = new ServerApiClient("http://127.0.0.1:" + server.httpPort(), "convo-key", "convo-secret");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** A device that keeps what reaches its message listeners and its notice listeners apart, and both in order. */
    static final class Phone implements AutoCloseable {
        final ImClient client;
        final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
        final List<ReceivedMessage> notices = new CopyOnWriteArrayList<>();
        final List<String> order = new CopyOnWriteArrayList<>();

        Phone(String userId, String platform) {
            client = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token(userId))
                    .deviceId(userId + "-" + platform).platform(platform).build();
            client.addMessageListener(message -> {
                if (!message.isStatusMessage()) {
                    messages.add(message);
                    order.add(message.objectName());
                }
            });
            client.addNoticeListener(notice -> {
                notices.add(notice);
                order.add(notice.objectName());
            });
            client.connect().join();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static void group(String call, String groupId, List<String> userIds) {
        List<String> form = new ArrayList<>(List.of("groupId", groupId, "groupName", groupId));
        for (String userId : userIds) {
            form.add("userId");
            form.add(userId);
        }
        ServerApiClient.Answer answer = api.post("/group/" + call + ".json", form.toArray(String[]::new));
        assertThat(answer.code()).as("%s %s: %s", call, groupId, answer.body()).isEqualTo(200);
    }

    private static Message notify(ConversationKey conversation, String content) {
        return conversations.notify(conversation, NOTICE, content).toCompletableFuture()
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listed(ImClient client, ConversationType type, String targetId) {
        List<Map<String, Object>> list = (List<Map<String, Object>>) client.command("conversation.list", Map.of())
                .join().get("conversations");
        return list.stream().filter(c -> ((Number) c.get("conversationType")).intValue() == type.code()
                && targetId.equals(c.get("targetId"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<String> historyNames(ImClient client, ConversationType type, String targetId) {
        List<Map<String, Object>> messages = (List<Map<String, Object>>) client.command("history.query",
                Map.of("conversationType", type.code(), "targetId", targetId, "limit", 100)).join().get("messages");
        return messages.stream().map(m -> (String) m.get("objectName")).toList();
    }

    @Test
    void keysNameConversationsAsClientsDo() {
        assertThat(conversations.key("alice", ConversationType.PRIVATE, "bob"))
                .isEqualTo(ConversationKey.privateChat("alice", "bob"))
                .isEqualTo(conversations.key("bob", ConversationType.PRIVATE, "alice"));
        assertThat(conversations.key("alice", ConversationType.GROUP, "team"))
                .isEqualTo(new ConversationKey(ConversationType.GROUP, "team"));
        assertThat(conversations.key("alice", ConversationType.SYSTEM, "news-bot"))
                .isEqualTo(new ConversationKey(ConversationType.SYSTEM, "news-bot:alice"));
        // no chatroom plugin is loaded here
        assertThatThrownBy(() -> conversations.key("alice", ConversationType.CHATROOM, "lobby"))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode().code()).isEqualTo(33006));
    }

    @Test
    void mayReadFollowsTheKernelsRules() {
        ConversationKey chat = conversations.key("alice", ConversationType.PRIVATE, "bob");
        assertThat(conversations.mayRead("alice", chat)).isTrue();
        assertThat(conversations.mayRead("bob", chat)).isTrue();
        assertThat(conversations.mayRead("carol", chat)).isFalse();

        group("create", "readers", List.of("alice", "bob"));
        ConversationKey readers = conversations.key("alice", ConversationType.GROUP, "readers");
        assertThat(conversations.mayRead("alice", readers)).isTrue();
        assertThat(conversations.mayRead("bob", readers)).isTrue();
        assertThat(conversations.mayRead("carol", readers)).isFalse();
        group("quit", "readers", List.of("bob"));
        assertThat(conversations.mayRead("bob", readers)).isFalse();
        assertThat(conversations.mayRead("alice", readers)).isTrue();
        assertThat(conversations.mayRead("alice", new ConversationKey(ConversationType.GROUP, "no-such-group")))
                .isFalse();

        ConversationKey news = conversations.key("dana", ConversationType.SYSTEM, "news-bot");
        assertThat(conversations.mayRead("dana", news)).isTrue();
        assertThat(conversations.mayRead("erin", news)).isFalse();
        // a key no conversation could have is no one's to read, not an error
        assertThat(conversations.mayRead("dana", new ConversationKey(ConversationType.SYSTEM, "dana"))).isFalse();
        assertThat(conversations.mayRead("dana", new ConversationKey(ConversationType.PRIVATE, "dana"))).isFalse();
    }

    @Test
    void membersComePageByPageInIdOrderEachOnce() {
        List<String> everyone = IntStream.range(0, 2500).mapToObj(i -> String.format("member%04d", i)).toList();
        // the server API takes 1000 user ids a call: created with the first 1000, joined by the rest
        group("create", "crowd", everyone.subList(0, 1000));
        group("join", "crowd", everyone.subList(1000, 2000));
        group("join", "crowd", everyone.subList(2000, 2500));
        ConversationKey crowd = new ConversationKey(ConversationType.GROUP, "crowd");

        List<String> read = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = "";
        while (true) {
            MemberPage page = conversations.members(crowd, after, 1000);
            read.addAll(page.userIds());
            pageSizes.add(page.userIds().size());
            if (page.next().isEmpty()) {
                break;
            }
            after = page.next().get();
        }

        assertThat(pageSizes).containsExactly(1000, 1000, 500);
        assertThat(read).containsExactlyElementsOf(everyone);
        assertThatThrownBy(() -> conversations.members(new ConversationKey(ConversationType.GROUP, "no-such-group"),
                "", 10)).isInstanceOf(ImException.class);
        assertThatThrownBy(() -> conversations.members(crowd, "", 1001)).isInstanceOf(ImException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void aGroupNoticeReachesOnlineMembersByDeliverAndOfflineOnesBySyncAndIsNeverAMessage() {
        group("create", "notice-team", List.of("ivy", "jack", "kate"));
        ConversationKey team = conversations.key("ivy", ConversationType.GROUP, "notice-team");
        try (Phone ivy = new Phone("ivy", "iOS"); Phone jack = new Phone("jack", "Android")) {
            SendResult hello = ivy.client.sendGroup("notice-team", "RC:TxtMsg", "{\"content\":\"hello team\"}").join();
            await().atMost(WAIT).until(() -> jack.messages.stream()
                    .anyMatch(m -> m.messageUid().equals(hello.messageUid())));
            Map<String, Object> before = listed(jack.client, ConversationType.GROUP, "notice-team");

            Message notice = notify(team, "{\"emoji\":\"+1\",\"messageUid\":\"" + hello.messageUid() + "\"}");

            assertThat(notice.notice()).isTrue();
            assertThat(notice.fromUserId()).isEqualTo("plugin:" + PLUGIN);
            assertThat(notice.persisted()).isFalse();
            assertThat(notice.counted()).isFalse();
            assertThat(notice.seq()).isEqualTo(hello.seq() + 1);
            for (Phone online : List.of(ivy, jack)) {
                await().atMost(WAIT).until(() -> online.notices.size() == 1);
                ReceivedMessage received = online.notices.get(0);
                assertThat(received.notice()).isTrue();
                assertThat(received.messageUid()).isEqualTo(notice.messageUid());
                assertThat(received.objectName()).isEqualTo(NOTICE);
                assertThat(received.content()).contains("+1");
                assertThat(received.conversationType()).isEqualTo(ConversationType.GROUP);
                assertThat(received.targetId()).isEqualTo("notice-team");
                assertThat(received.fromUserId()).isEqualTo("plugin:" + PLUGIN);
                assertThat(online.messages).noneMatch(m -> m.objectName().equals(NOTICE));
            }
            assertThat(HOOKED_NOTICES).extracting(Message::messageUid).contains(notice.messageUid());

            // not the last message, not unread, not in history
            Map<String, Object> after = listed(jack.client, ConversationType.GROUP, "notice-team");
            assertThat(after.get("unreadCount")).isEqualTo(before.get("unreadCount"));
            assertThat(after.get("lastMessage")).isEqualTo(before.get("lastMessage"));
            assertThat(historyNames(jack.client, ConversationType.GROUP, "notice-team")).contains("RC:TxtMsg")
                    .doesNotContain(NOTICE);

            // kate was offline: she gets it when she syncs, as a notice, after the message it followed
            try (Phone kate = new Phone("kate", "PC")) {
                await().atMost(WAIT).until(() -> kate.notices.size() == 1);
                assertThat(kate.notices.get(0).messageUid()).isEqualTo(notice.messageUid());
                assertThat(kate.notices.get(0).notice()).isTrue();
                assertThat(kate.messages).noneMatch(m -> m.objectName().equals(NOTICE));
                assertThat(kate.order).containsSubsequence("RC:TxtMsg", NOTICE);
                Map<String, Object> kates = listed(kate.client, ConversationType.GROUP, "notice-team");
                assertThat(kates.get("lastMessage")).isEqualTo(before.get("lastMessage"));
                assertThat(((Number) kates.get("unreadCount")).intValue())
                        .isEqualTo((int) kate.messages.stream().filter(ReceivedMessage::counted).count());
            }
        }
    }

    @Test
    void aPrivateNoticeReachesBothUsersAsTheirOwnConversation() {
        ConversationKey chat = conversations.key("lena", ConversationType.PRIVATE, "mark");
        try (Phone lena = new Phone("lena", "Web"); Phone mark = new Phone("mark", "Android")) {
            SendResult hi = lena.client.sendPrivate("mark", "RC:TxtMsg", "{\"content\":\"hi\"}").join();

            Message notice = notify(chat, "{\"emoji\":\"heart\"}");

            await().atMost(WAIT).until(() -> lena.notices.size() == 1 && mark.notices.size() == 1);
            assertThat(lena.notices.get(0).targetId()).isEqualTo("mark");
            assertThat(mark.notices.get(0).targetId()).isEqualTo("lena");
            for (Phone phone : List.of(lena, mark)) {
                ReceivedMessage received = phone.notices.get(0);
                assertThat(received.messageUid()).isEqualTo(notice.messageUid());
                assertThat(received.conversationType()).isEqualTo(ConversationType.PRIVATE);
                assertThat(received.inboxSeq()).isPositive();
                assertThat(phone.messages).extracting(ReceivedMessage::messageUid).containsExactly(hi.messageUid());
                assertThat(phone.order).containsExactly("RC:TxtMsg", NOTICE);
            }
            assertThat(historyNames(mark.client, ConversationType.PRIVATE, "lena")).containsExactly("RC:TxtMsg");
            @SuppressWarnings("unchecked")
            Map<String, Object> last = (Map<String, Object>) listed(mark.client, ConversationType.PRIVATE, "lena")
                    .get("lastMessage");
            assertThat(last.get("messageUid")).isEqualTo(hi.messageUid());
            assertThat(((Number) listed(mark.client, ConversationType.PRIVATE, "lena").get("unreadCount")).intValue())
                    .isEqualTo(1);
        }
    }

    /** Devices tell a notice by its sender: nothing but a notice may come from {@code plugin:…}. */
    @Test
    void aPublishedMessageCannotPoseAsANotice() {
        io.parley.api.model.OutgoingMessage posing = new io.parley.api.model.OutgoingMessage(ConversationType.PRIVATE,
                "plugin:" + PLUGIN, "lena", "RC:TxtMsg", "{\"content\":\"hi\"}", Optional.empty(), Optional.empty(),
                true, true, false, "posing-1", Optional.empty());

        assertThat(publisher.publish(posing).toCompletableFuture()).failsWithin(WAIT).withThrowableThat()
                .havingRootCause().isInstanceOfSatisfying(ImException.class,
                        e -> assertThat(e.errorCode().code()).isEqualTo(33007))
                .withMessageContaining("reserved for plugins' notices");
    }

    @Test
    void aCommandsCallerCarriesTheConnectingDevicesPlatform() {
        try (Phone ios = new Phone("nina", "iOS"); Phone pc = new Phone("oscar", "PC")) {
            assertThat(ios.client.command("convo-test.whoami", Map.of()).join())
                    .containsEntry("userId", "nina").containsEntry("platform", Platform.IOS.name());
            assertThat(pc.client.command("convo-test.whoami", Map.of()).join())
                    .containsEntry("userId", "oscar").containsEntry("platform", Platform.PC.name());
        }
    }
}
