package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.MessageKind;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.plugin.Recipients;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.testkit.ServerApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A business type that keeps its own messages (an online-only room): the kernel neither stores them nor
 * writes inboxes, and the type fans them out once-encoded to every member's devices, on every transport.
 */
class OnlineFanOutTest {
    static final List<String> MEMBERS = List.of("ann", "ben", "cat");
    static final List<Message> KEPT = new CopyOnWriteArrayList<>();

    /** A room of three fixed members, kept in memory. */
    static final class RoomPlugin implements ImPlugin {
        @Override
        public String name() {
            return "room-test";
        }

        @Override
        public PluginInstance create(PluginContext context) {
            return new PluginInstance() {
                @Override
                public List<BusinessType> businessTypes() {
                    OnlineDirectory online = context.online();
                    AtomicLong seq = new AtomicLong();
                    return List.of(new BusinessType() {
                        @Override
                        public ConversationType conversationType() {
                            return ConversationType.CHATROOM;
                        }

                        @Override
                        public ConversationKey conversationKey(String fromUserId, String targetId) {
                            return new ConversationKey(ConversationType.CHATROOM, targetId);
                        }

                        @Override
                        public Recipients resolveRecipients(OutgoingMessage message) {
                            return new Recipients(MEMBERS);
                        }

                        @Override
                        public boolean keepsOwnMessages() {
                            return true;
                        }

                        @Override
                        public Message commitOwn(Message message, MessageKind kind) {
                            Message committed = kind == MessageKind.STATUS ? message : message.withSeq(seq.incrementAndGet());
                            if (kind != MessageKind.STATUS) {
                                KEPT.add(committed);
                            }
                            online.deliver(MEMBERS, committed, true);
                            return committed;
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
        server = Parley.builder().isolated().discoverPlugins(false).plugin(new RoomPlugin())
                .config(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1", "data.dir",
                        dataDir.toString(), "app.key", "room-key", "app.secret", "room-secret"))
                .build().start();
        api = new ServerApiClient("http://127.0.0.1:" + server.httpPort(), "room-key", "room-secret");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void messagesOfATypeThatKeepsItsOwnReachEveryMembersDevicesOnEveryTransportAndSkipTheInbox() {
        List<ReceivedMessage> annInbox = new CopyOnWriteArrayList<>();
        List<ReceivedMessage> benInbox = new CopyOnWriteArrayList<>();
        List<String> catTexts = new CopyOnWriteArrayList<>();
        ImClient ann = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token("ann"))
                .deviceId("ann-phone").platform("iOS").build();
        ImClient ben = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token("ben"))
                .deviceId("ben-phone").platform("Android").build();
        ann.addMessageListener(annInbox::add);
        ben.addMessageListener(benInbox::add);
        WebSocket cat = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + server.httpPort() + "/websocket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        catTexts.add(data.toString());
                        socket.request(1);
                        return null;
                    }
                }).join();
        try (ann; ben) {
            ann.connect().join();
            ben.connect().join();
            cat.sendText("{\"type\":\"CONNECT\",\"requestId\":1,\"body\":{\"token\":\"" + api.token("cat")
                    + "\",\"deviceId\":\"cat-web\",\"platform\":\"Web\"}}", true).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> catTexts.stream().anyMatch(t -> t.contains("CONNACK")));

            SendResult first = ann.send(ConversationType.CHATROOM, "lobby", "RC:TxtMsg", "{\"content\":\"one\"}").join();
            SendResult second = ben.send(ConversationType.CHATROOM, "lobby", "RC:TxtMsg", "{\"content\":\"two\"}").join();
            assertThat(first.seq()).isEqualTo(1);
            assertThat(second.seq()).isEqualTo(2);
            assertThat(first.inboxSeq()).isZero();

            await().atMost(Duration.ofSeconds(10)).until(() -> annInbox.size() == 2 && benInbox.size() == 2
                    && catTexts.stream().filter(t -> t.contains("DELIVER")).count() == 2);
            assertThat(annInbox).extracting(ReceivedMessage::seq).containsExactly(1L, 2L);
            assertThat(annInbox).allMatch(ReceivedMessage::isOnlineOnly);
            assertThat(annInbox).extracting(ReceivedMessage::targetId).containsOnly("lobby");
            assertThat(catTexts.stream().filter(t -> t.contains("DELIVER")).toList())
                    .anySatisfy(text -> assertThat(text).contains("\"seq\":1").contains("\\\"one\\\""));
            assertThat(KEPT).hasSize(2);
            assertThat(server.kernelObject(io.parley.api.storage.StorageProvider.class).messages().inboxHead("ann"))
                    .isZero();
        } finally {
            cat.abort();
        }
    }
}
