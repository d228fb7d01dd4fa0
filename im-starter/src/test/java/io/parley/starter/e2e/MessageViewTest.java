package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessageView;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.starter.support.Devices;
import io.parley.starter.support.Devices.Device;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin author's view of message views and of the conversation service's reads: a view changes how a stored
 * message is served wherever it is read back (sync, history, the conversation list, {@code present}) and never what
 * is stored ({@code message}); {@code presentTo} hides what the conversation type hides from a user, and the built-in
 * recall plugin's view is applied like any other.
 */
class MessageViewTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "View:Secret";
    private static final String REDACTED = "{\"redacted\":true}";

    static volatile ConversationService conversations;

    /** Serves every {@code View:Secret} message with its content redacted. */
    static final class RedactingPlugin implements ImPlugin {
        @Override
        public String name() {
            return "view-test";
        }

        @Override
        public PluginInstance create(PluginContext context) {
            conversations = context.conversations();
            MessageView redact = stored -> !stored.objectName().equals(SECRET) ? stored
                    : new Message(stored.conversation(), stored.fromUserId(), stored.targetId(), stored.objectName(),
                            REDACTED, stored.pushContent(), stored.pushData(), stored.persisted(), stored.counted(),
                            stored.clientMsgId(), stored.source(), stored.seq(), stored.messageUid(),
                            stored.sentTime());
            return new PluginInstance() {
                @Override
                public List<MessageView> messageViews() {
                    return List.of(redact);
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
        server = Parley.builder().isolated().discoverPlugins(false).plugin(new RedactingPlugin())
                .config(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1", "data.dir",
                        dataDir.toString(), "app.key", "view-key", "app.secret", "view-secret"))
                .build().start();
        api = new ServerApiClient("http://127.0.0.1:" + server.httpPort(), "view-key", "view-secret");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static Device connect(String userId) {
        return Devices.connect(ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token(userId))
                .deviceId(userId + "-phone").build());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(ImClient client, ConversationType type, String targetId) {
        return (List<Map<String, Object>>) client.command("history.query",
                Map.of("conversationType", type.code(), "targetId", targetId, "limit", 100)).join().get("messages");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastMessage(ImClient client, String targetId) {
        List<Map<String, Object>> list = (List<Map<String, Object>>) client.command("conversation.list", Map.of())
                .join().get("conversations");
        return (Map<String, Object>) list.stream().filter(c -> targetId.equals(c.get("targetId"))).findFirst()
                .orElseThrow().get("lastMessage");
    }

    private static void group(String call, String groupId, String... userIds) {
        List<String> form = new java.util.ArrayList<>(List.of("groupId", groupId, "groupName", groupId));
        for (String userId : userIds) {
            form.add("userId");
            form.add(userId);
        }
        assertThat(api.post("/group/" + call + ".json", form.toArray(String[]::new)).code()).isEqualTo(200);
    }

    @Test
    void aViewChangesWhatSyncHistoryAndTheListServeNeverWhatIsStored() {
        SendResult secret;
        try (Device alice = connect("alice")) {
            secret = alice.client().sendPrivate("bob", SECRET, "{\"pin\":\"1234\"}").join();
        }
        // bob was offline: his device gets the message by sync, as the view serves it
        try (Device bob = connect("bob")) {
            List<ReceivedMessage> toBob = bob.inbox();
            await().atMost(WAIT).until(() -> toBob.stream().anyMatch(m -> m.messageUid().equals(secret.messageUid())));
            assertThat(toBob).filteredOn(m -> m.objectName().equals(SECRET)).extracting(ReceivedMessage::content)
                    .containsExactly(REDACTED);
            assertThat(history(bob.client(), ConversationType.PRIVATE, "alice")).extracting(m -> m.get("content"))
                    .containsExactly(REDACTED);
            assertThat(lastMessage(bob.client(), "alice")).containsEntry("content", REDACTED);
        }

        Message stored = conversations.message("bob", ConversationType.PRIVATE, "alice", secret.messageUid(), true);
        assertThat(stored.content()).as("what is stored is untouched").contains("1234");
        assertThat(conversations.present(stored).content()).isEqualTo(REDACTED);
        assertThat(conversations.presentTo("bob", stored)).map(Message::content).contains(REDACTED);
    }

    @Test
    void messageFindsAConversationsOwnMessageAndRefusesOthers() {
        SendResult hello;
        try (Device carol = connect("carol")) {
            hello = carol.client().sendPrivate("dave", "RC:TxtMsg", "{\"content\":\"hello\"}").join();
        }

        assertThat(conversations.message("dave", ConversationType.PRIVATE, "carol", hello.messageUid(), true)
                .fromUserId()).isEqualTo("carol");
        assertThatThrownBy(() -> conversations.message("erin", ConversationType.PRIVATE, "carol", hello.messageUid(),
                true)).isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode().code()).isEqualTo(1015));
        assertThatThrownBy(() -> conversations.message("dave", ConversationType.PRIVATE, "carol", "no-such-uid",
                true)).isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode().code()).isEqualTo(1015));
    }

    @Test
    void presentToHidesAGroupsEarlierMessagesFromALaterMemberAndFollowedByListsTheirGroups() {
        group("create", "view-team", "fay", "gus");
        SendResult before;
        try (Device fay = connect("fay")) {
            before = fay.client().sendGroup("view-team", "RC:TxtMsg", "{\"content\":\"before hal\"}").join();
        }
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > before.sentTime());
        group("join", "view-team", "hal");

        Message stored = conversations.message("fay", ConversationType.GROUP, "view-team", before.messageUid(), true);
        assertThat(conversations.presentTo("gus", stored)).as("a member from the start sees it").isPresent();
        assertThat(conversations.presentTo("hal", stored)).as("sent before hal joined").isEmpty();
        assertThatThrownBy(() -> conversations.message("ivan", ConversationType.GROUP, "view-team",
                before.messageUid(), true)).isInstanceOfSatisfying(ImException.class,
                        e -> assertThat(e.errorCode().code()).isEqualTo(22406));
        assertThat(conversations.message("ivan", ConversationType.GROUP, "view-team", before.messageUid(), false)
                .messageUid()).as("the server API, acting as admin, need not be a member").isEqualTo(before.messageUid());
        assertThat(conversations.followedBy("hal", ConversationType.GROUP)).containsExactly("view-team");
        assertThat(conversations.followedBy("ivan", ConversationType.GROUP)).isEmpty();
    }

    @Test
    void theRecallPluginsViewServesARecalledMessageAsItsNote() {
        SendResult oops;
        try (Device jo = connect("jo")) {
            oops = jo.client().sendPrivate("kim", "RC:TxtMsg", "{\"content\":\"oops\"}").join();
            assertThat(api.post("/message/recall.json", "conversationType", "1", "fromUserId", "jo", "targetId", "kim",
                    "messageUID", oops.messageUid()).code()).isEqualTo(200);
        }

        Message stored = conversations.message("kim", ConversationType.PRIVATE, "jo", oops.messageUid(), true);
        assertThat(stored.objectName()).isEqualTo("RC:TxtMsg");
        Message shown = conversations.present(stored);
        assertThat(shown.objectName()).isEqualTo("RC:RcNtf");
        assertThat(shown.messageUid()).isEqualTo(oops.messageUid());
        assertThat(shown.seq()).isEqualTo(stored.seq());
        assertThat(shown.counted()).isFalse();
    }
}
