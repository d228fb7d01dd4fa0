package io.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.parley.api.model.ConversationType;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.AckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.DisconnectBody;
import io.parley.protocol.body.EventBody;
import io.parley.protocol.body.KickedBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.SyncBody;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted peer over real sockets on 127.0.0.1. */
class ImClientSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeServer server;
    private final List<ImClient> clients = new ArrayList<>();
    private final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
    private final List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        server.close();
    }

    private ImClientBuilder builder() {
        return ImClient.builder().address("127.0.0.1", server.port()).token("token-alice").deviceId("phone-1")
                .platform("Android").reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200))
                .ackEvery(100, Duration.ofMillis(100));
    }

    private ImClient client(ImClientBuilder builder) {
        ImClient client = builder.build();
        clients.add(client);
        client.addMessageListener(messages::add);
        client.addStatusListener(statuses::add);
        return client;
    }

    private List<Long> receivedSeqs() {
        return messages.stream().map(ReceivedMessage::inboxSeq).toList();
    }

    private static int code(CompletableFuture<?> future) {
        Throwable error = future.handle((r, e) -> e).join();
        assertThat(error).isInstanceOf(ImClientException.class);
        return ((ImClientException) error).code();
    }

    @Test
    void connectsThenSyncsPageByPageFromTheStoredCursor() {
        for (int i = 1; i <= 5; i++) {
            server.append("bob", "m" + i);
        }
        CursorStore store = CursorStore.inMemory(2);
        ImClient client = client(builder().cursorStore(store).syncPageSize(2));

        ConnectResult result = client.connect().join();

        assertThat(result.userId()).isEqualTo("alice");
        assertThat(result.inboxCursor()).isEqualTo(2);
        assertThat(result.inboxHead()).isEqualTo(5);
        assertThat(client.userId()).contains("alice");
        ConnectBody connect = server.bodies(Command.CONNECT, ConnectBody.class).get(0);
        assertThat(connect).isEqualTo(new ConnectBody("token-alice", "phone-1", "Android", 2, ClientOptions.SDK_VERSION));
        await().atMost(WAIT).until(() -> messages.size() == 3);
        assertThat(receivedSeqs()).containsExactly(3L, 4L, 5L);
        assertThat(messages.get(0).content()).isEqualTo("{\"content\":\"m3\"}");
        assertThat(messages.get(0).conversationType()).isEqualTo(ConversationType.PRIVATE);
        assertThat(inboxSyncs()).extracting(SyncBody::inboxAfter).containsExactly(2L, 4L);
        assertThat(inboxSyncs().get(0)).isEqualTo(new SyncBody(2L, null, 2));
        await().atMost(WAIT).until(() -> store.load() == 5);
        await().atMost(WAIT).until(() -> server.bodies(Command.ACK, AckBody.class).contains(new AckBody(5)));
        assertThat(client.inboxCursor()).isEqualTo(5);
        assertThat(statuses).containsExactly(ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED);
    }

    @Test
    void aTokenRefusalFailsTheConnectAndIsNotRetried() {
        server.connAckCode = 31004;
        ImClient client = client(builder());

        assertThat(code(client.connect())).isEqualTo(31004);

        assertThat(client.status()).isEqualTo(ConnectionStatus.TOKEN_INCORRECT);
        await().atMost(WAIT).until(() -> statuses.contains(ConnectionStatus.TOKEN_INCORRECT));
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> server.connections.get() == 1);
        assertThat(statuses).containsExactly(ConnectionStatus.CONNECTING, ConnectionStatus.TOKEN_INCORRECT);
        assertThat(code(client.sendPrivate("bob", "RC:TxtMsg", "{}"))).isEqualTo(ImClientException.NOT_CONNECTED);
    }

    @Test
    void aFirstConnectToNothingFailsWithANetworkError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ImClient client = client(builder().address("127.0.0.1", closedPort));

        assertThat(code(client.connect())).isEqualTo(ImClientException.NETWORK_ERROR);
        assertThat(client.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
    }

    @Test
    void aSendCompletesAndTheOwnMessageArrivesOnce() {
        ImClient client = client(builder());
        client.connect().join();

        SendResult result = client.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"hi\"}").join();

        SendBody sent = server.bodies(Command.SEND, SendBody.class).get(0);
        assertThat(result.clientMsgId()).isEqualTo(sent.clientMsgId());
        assertThat(sent.conversationType()).isEqualTo(1);
        assertThat(sent.targetId()).isEqualTo("bob");
        assertThat(result.inboxSeq()).isEqualTo(1);
        assertThat(result.messageUid()).isEqualTo("uid-1");
        await().atMost(WAIT).until(() -> messages.size() == 1);
        assertThat(messages.get(0).fromUserId()).isEqualTo("alice");
        assertThat(messages.get(0).targetId()).isEqualTo("bob");
        assertThat(messages.get(0).clientMsgId()).isEqualTo(result.clientMsgId());
    }

    @Test
    void aGapTriggersASyncAndEverythingArrivesInOrderOnce() {
        ImClient client = client(builder());
        client.connect().join();
        await().atMost(WAIT).until(() -> inboxSyncs().size() == 1);

        server.appendAndDeliver("bob", "one");
        server.append("bob", "two (lost)");
        server.appendAndDeliver("bob", "three");
        server.appendAndDeliver("bob", "four");

        await().atMost(WAIT).until(() -> messages.size() == 4);
        assertThat(receivedSeqs()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(inboxSyncs()).extracting(SyncBody::inboxAfter).contains(1L);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> messages.size() == 4);
    }

    @Test
    void aStatusMessageIsDispatchedAtOnceAndDoesNotMoveTheCursor() {
        ImClient client = client(builder());
        client.connect().join();
        server.deliver(new io.parley.protocol.body.WireMessage(0, 1, "bob", "bob", "RC:TypSts", "{}", null, null,
                null, 0, 1, null, false, false));
        await().atMost(WAIT).until(() -> messages.size() == 1);
        assertThat(messages.get(0).isStatusMessage()).isTrue();
        assertThat(client.inboxCursor()).isZero();
    }

    @Test
    void afterALostConnectionItReconnectsWithItsCursorAndResyncs() {
        ImClient client = client(builder());
        client.connect().join();
        server.appendAndDeliver("bob", "one");
        await().atMost(WAIT).until(() -> messages.size() == 1);
        server.append("bob", "two");
        server.append("bob", "three");

        server.dropConnection();

        await().atMost(WAIT).until(() -> messages.size() == 3);
        assertThat(receivedSeqs()).containsExactly(1L, 2L, 3L);
        assertThat(server.connections.get()).isEqualTo(2);
        assertThat(server.bodies(Command.CONNECT, ConnectBody.class)).extracting(ConnectBody::inboxCursor)
                .containsExactly(0L, 1L);
        await().atMost(WAIT).until(() -> statuses.size() == 5);
        assertThat(statuses).containsExactly(ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED,
                ConnectionStatus.DISCONNECTED, ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED);
    }

    @Test
    void aPendingSendIsRetriedAfterReconnectWithTheSameClientMsgId() {
        ImClient client = client(builder());
        client.connect().join();
        server.ackSends = false;

        CompletableFuture<SendResult> future = client.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"hi\"}");
        await().atMost(WAIT).until(() -> server.frames(Command.SEND).size() == 1);
        server.ackSends = true;
        server.dropConnection();

        SendResult result = future.orTimeout(10, TimeUnit.SECONDS).join();
        List<SendBody> sends = server.bodies(Command.SEND, SendBody.class);
        assertThat(sends).hasSize(2);
        assertThat(sends).extracting(SendBody::clientMsgId).containsOnly(result.clientMsgId());
        assertThat(server.received.stream().filter(r -> r.frame().command() == Command.SEND)
                .map(FakeServer.Received::connection)).containsExactly(1, 2);
        await().atMost(WAIT).until(() -> messages.size() == 1);
        assertThat(server.inboxSize()).isEqualTo(1);
    }

    @Test
    void aMissingSendAckIsRetriedOnTheSameConnection() {
        ImClient client = client(builder().sendAckTimeout(Duration.ofMillis(200)));
        client.connect().join();
        server.ackSends = false;

        CompletableFuture<SendResult> future = client.sendPrivate("bob", "RC:TxtMsg", "{}");
        await().atMost(WAIT).until(() -> server.frames(Command.SEND).size() == 1);
        server.ackSends = true;

        SendResult result = future.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(server.bodies(Command.SEND, SendBody.class)).extracting(SendBody::clientMsgId)
                .hasSizeGreaterThanOrEqualTo(2).containsOnly(result.clientMsgId());
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void aSendFailsAfterItsDeadline() {
        ImClient client = client(builder().sendAckTimeout(Duration.ofMillis(100)).sendDeadline(Duration.ofMillis(600)));
        client.connect().join();
        server.ackSends = false;

        assertThat(code(client.sendPrivate("bob", "RC:TxtMsg", "{}"))).isEqualTo(ImClientException.TIMEOUT);
        assertThat(server.bodies(Command.SEND, SendBody.class)).extracting(SendBody::clientMsgId).hasSizeGreaterThan(1)
                .containsOnly(server.bodies(Command.SEND, SendBody.class).get(0).clientMsgId());
    }

    @Test
    void aRefusedSendFailsWithTheServersCodeAndIsNotRetried() {
        // the ack timeout must outlast the refusal's round trip on a loaded machine, and the wait must outlast
        // the ack timeout, so that a wrong retry would have happened by the end of it
        ImClient client = client(builder().sendAckTimeout(Duration.ofSeconds(1)));
        client.connect().join();
        server.sendRefusalCode = 20604;

        assertThat(code(client.sendPrivate("bob", "RC:TxtMsg", "{}"))).isEqualTo(20604);
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> server.frames(Command.SEND).size() == 1);
    }

    @Test
    void kickedStopsTheClientWithoutReconnecting() {
        ImClient client = client(builder());
        client.connect().join();
        server.ackSends = false;
        CompletableFuture<SendResult> pending = client.sendPrivate("bob", "RC:TxtMsg", "{}");
        await().atMost(WAIT).until(() -> server.frames(Command.SEND).size() == 1);

        server.write(Frame.of(Command.KICKED, 0, new KickedBody(31010, "another device")));
        server.dropConnection();

        assertThat(code(pending)).isEqualTo(31010);
        await().atMost(WAIT).until(() -> statuses.contains(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT));
        assertThat(client.status()).isEqualTo(ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> server.connections.get() == 1);
        assertThat(code(client.sendPrivate("bob", "RC:TxtMsg", "{}"))).isEqualTo(ImClientException.NOT_CONNECTED);
    }

    @Test
    void commandsAnswerAndEventsReachTheirListeners() {
        ImClient client = client(builder());
        List<String> events = new CopyOnWriteArrayList<>();
        client.addEventListener((name, body) -> events.add(name + "=" + body.get("x")));
        client.connect().join();

        Map<String, Object> result = client.command("chatroom.join", Map.of("chatroomId", "r1")).join();
        assertThat(result).containsEntry("name", "chatroom.join").containsEntry("echo", Map.of("chatroomId", "r1"));
        assertThat(code(client.command("fail", Map.of()))).isEqualTo(1002);

        server.write(Frame.of(Command.EVENT, 0, new EventBody("message.recalled", Map.of("x", 1))));
        await().atMost(WAIT).until(() -> events.equals(List.of("message.recalled=1")));
    }

    @Test
    void itPingsWhenIdleAndReconnectsWhenTheServerGoesSilent() {
        server.heartbeatSeconds = 1;
        ImClient client = client(builder());
        client.connect().join();

        await().atMost(WAIT).until(() -> !server.frames(Command.PING).isEmpty());
        assertThat(server.connections.get()).isEqualTo(1);

        server.silentUpTo = 1; // no PONG any more on this connection: three heartbeats without a frame
        await().atMost(WAIT).until(() -> server.connections.get() == 2);
        await().atMost(WAIT).until(() -> client.status() == ConnectionStatus.CONNECTED);
    }

    @Test
    void closeSendsDisconnectAcksAndFailsLaterCalls() {
        ImClient client = client(builder().ackEvery(1000, Duration.ofSeconds(30)));
        client.connect().join();
        server.appendAndDeliver("bob", "one");
        await().atMost(WAIT).until(() -> messages.size() == 1);

        client.close();

        await().atMost(WAIT).until(() -> server.frames(Command.DISCONNECT).size() == 1);
        assertThat(server.bodies(Command.DISCONNECT, DisconnectBody.class).get(0).logout()).isFalse();
        assertThat(server.bodies(Command.ACK, AckBody.class)).containsExactly(new AckBody(1));
        assertThat(statuses).endsWith(ConnectionStatus.CLOSED);
        assertThat(code(client.sendPrivate("bob", "RC:TxtMsg", "{}"))).isEqualTo(ImClientException.CLIENT_CLOSED);
        assertThat(code(client.connect())).isEqualTo(ImClientException.CLIENT_CLOSED);
        client.close(); // idempotent
    }

    @Test
    void logoutSendsDisconnectWithLogout() {
        ImClient client = client(builder());
        client.connect().join();
        client.logout();
        await().atMost(WAIT).until(() -> server.frames(Command.DISCONNECT).size() == 1);
        assertThat(server.bodies(Command.DISCONNECT, DisconnectBody.class).get(0).logout()).isTrue();
    }

    @Test
    void callbacksRunOnTheCallbackThreadWhereBlockingOnTheClientIsRefused() {
        ImClient client = client(builder());
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        client.addMessageListener(message -> {
            threads.add(Thread.currentThread().getName());
            if (!message.fromUserId().equals("bob")) {
                return; // our own message coming back
            }
            try {
                client.sendPrivate("bob", "RC:TxtMsg", "{}").join();
            } catch (IllegalStateException e) {
                errors.add(e);
            }
        });
        client.connect().thenAccept(r -> threads.add(Thread.currentThread().getName())).join();
        server.appendAndDeliver("bob", "one");

        await().atMost(WAIT).until(() -> errors.size() == 1);
        assertThat(threads).allMatch(name -> name.startsWith("parley-client-callback-"));
    }

    @Test
    void manyClientsShareOneEventLoopGroupAndOneCallbackPool() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 1; i <= 3; i++) {
                server.append("bob", "m" + i);
            }
            List<ImClient> many = new ArrayList<>();
            List<List<Long>> seen = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ImClient c = builder().deviceId("device-" + i).eventLoopGroup(group).callbackExecutor(pool).build();
                List<Long> mine = new CopyOnWriteArrayList<>();
                c.addMessageListener(m -> mine.add(m.inboxSeq()));
                many.add(c);
                seen.add(mine);
            }
            CompletableFuture.allOf(many.stream().map(ImClient::connect).toArray(CompletableFuture[]::new)).join();
            await().atMost(WAIT).until(() -> seen.stream().allMatch(s -> s.size() == 3));
            assertThat(seen).allMatch(s -> s.equals(List.of(1L, 2L, 3L)));
            many.forEach(ImClient::close);
            assertThat(group.isShuttingDown()).isFalse();
            assertThat(pool.isShutdown()).isFalse();
        } finally {
            pool.shutdown();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMessageTooLargeForTheServerIsRefusedBeforeSending() {
        ImClient client = client(builder());
        client.connect().join();

        String huge = "x".repeat(io.parley.protocol.FrameHeader.DEFAULT_MAX_FRAME_BYTES);
        assertThat(code(client.sendPrivate("bob", "RC:TxtMsg", huge))).isEqualTo(33002);
        assertThat(server.frames(Command.SEND)).isEmpty();
        assertThat(client.status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void aHoleThatSyncKeepsReportingEmptyIsEventuallySkipped() {
        ImClient client = client(builder());
        client.connect().join();
        server.appendAndDeliver("bob", "one");
        // a pushed seq 3 whose seq 2 the server's inbox never has: sync finishes at 1 every time
        server.deliver(new io.parley.protocol.body.WireMessage(3, 1, "bob", "bob", "RC:TxtMsg", "{}", null, null,
                "uid-x", 3, 1, null, true, true));

        await().atMost(WAIT).until(() -> messages.size() == 2);
        assertThat(receivedSeqs()).containsExactly(1L, 3L);
        // the skip comes only after MAX_FUTILE_SYNCS passes that found nothing (the connect-time sync may
        // or may not be one of them, depending on whether seq 3 arrived during it)
        await().atMost(WAIT).until(() -> inboxSyncs().size() >= InboxSync.MAX_FUTILE_SYNCS);
        assertThat(client.inboxCursor()).isEqualTo(3);
    }

    /**
     * Notices reach the notice listeners, never the message listeners, in order with the messages of the inbox,
     * from SYNC (stored while the device was away) and from DELIVER alike; the cursor covers them.
     */
    @Test
    void noticesGoToNoticeListenersInOrderWithMessagesFromSyncAndDeliver() {
        List<String> order = new CopyOnWriteArrayList<>();
        List<ReceivedMessage> notices = new CopyOnWriteArrayList<>();
        server.append("bob", "one");
        server.appendNotice("reactions", "Reactions:Changed", "{\"uid\":\"uid-1\",\"n\":1}");
        server.append("bob", "three");
        ImClient client = client(builder());
        client.addMessageListener(message -> order.add("message " + message.inboxSeq()));
        client.addNoticeListener(notice -> {
            notices.add(notice);
            order.add("notice " + notice.inboxSeq());
        });

        client.connect().join();
        await().atMost(WAIT).until(() -> client.inboxCursor() == 3);
        server.deliver(server.appendNotice("reactions", "Reactions:Changed", "{\"uid\":\"uid-1\",\"n\":2}"));
        server.appendAndDeliver("bob", "five");

        await().atMost(WAIT).until(() -> order.size() == 5);
        assertThat(order).containsExactly("message 1", "notice 2", "message 3", "notice 4", "message 5");
        assertThat(receivedSeqs()).containsExactly(1L, 3L, 5L);
        assertThat(messages).noneMatch(ReceivedMessage::notice);
        assertThat(notices).allSatisfy(notice -> {
            assertThat(notice.notice()).isTrue();
            assertThat(notice.fromUserId()).isEqualTo("plugin:reactions");
            assertThat(notice.objectName()).isEqualTo("Reactions:Changed");
            assertThat(notice.persisted()).isFalse();
            assertThat(notice.counted()).isFalse();
        });
        assertThat(notices).extracting(ReceivedMessage::content)
                .containsExactly("{\"uid\":\"uid-1\",\"n\":1}", "{\"uid\":\"uid-1\",\"n\":2}");
        assertThat(client.inboxCursor()).isEqualTo(5);
    }

    @Test
    void aFatalErrorClosesTheConnectionAndTheClientComesBack() {
        ImClient client = client(builder());
        client.connect().join();

        server.write(Frame.of(Command.ERROR, 0, new io.parley.protocol.body.ErrorBody(33001, "malformed", true)));

        await().atMost(WAIT).until(() -> server.connections.get() == 2 && client.status() == ConnectionStatus.CONNECTED);
    }

    @Test
    void theBuilderValidates() {
        assertThatThrownBy(() -> ImClient.builder().token("t").deviceId("d").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("address");
        assertThatThrownBy(() -> builder().address("127.0.0.1", 0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> builder().sendDeadline(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sendDeadline");
        assertThat(builder().build().options().toString()).doesNotContain("token-alice");
        assertThatThrownBy(() -> CompletableFuture.completedFuture(null).thenRun(() -> {
            throw new CompletionException(new ImClientException(1, "x"));
        }).join()).isInstanceOf(CompletionException.class);
    }

    /** The SYNCs of the inbox (each connect also asks, apart, for the heads of the user's groups). */
    private List<SyncBody> inboxSyncs() {
        return server.bodies(Command.SYNC, SyncBody.class).stream().filter(sync -> sync.inboxAfter() != null)
                .toList();
    }
}
