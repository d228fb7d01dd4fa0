package io.parley.starter.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.StorageProvider;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.kernel.auth.TokenService;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group of 3000 members, 1000 of them online: one message is stored once, in the group's log (no member gets an
 * inbox entry: read diffusion), reaches every online member's device once, and every offline member's device reads
 * it from the group's log by cursor, once, when it comes back.
 */
class LargeGroupTest {
    private static final int MEMBERS = 3000;
    private static final int ONLINE = 1000;

    @TempDir
    Path dataDir;

    @Test
    void oneMessageIsStoredOnceAndReachesEveryDeviceOnlineOrLaterExactlyOnce() {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ExecutorService callbacks = Executors.newFixedThreadPool(4);
        List<ImClient> clients = new ArrayList<>();
        // every device connects from 127.0.0.1, as from behind one NAT
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "tcp.max-connections-per-address",
                String.valueOf(2 * MEMBERS))) {
            ServerApiClient api = server.serverApi();
            List<String> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                members.add("m" + i);
            }
            for (int batch = 0; batch < MEMBERS / 1000; batch++) {
                List<String> form = new ArrayList<>(List.of("groupId", "big", "groupName", "Big"));
                for (String member : members.subList(batch * 1000, (batch + 1) * 1000)) {
                    form.add("userId");
                    form.add(member);
                }
                assertThat(api.post(batch == 0 ? "/group/create.json" : "/group/join.json", form.toArray(String[]::new))
                        .code()).isEqualTo(200);
            }

            TokenService tokens = server.server().kernelObject(TokenService.class);
            Map<String, List<ReceivedMessage>> received = new ConcurrentHashMap<>();
            for (String member : members.subList(0, ONLINE)) {
                clients.add(connect(server, tokens, member, loop, callbacks, received));
            }

            SendResult sent = clients.get(0).sendGroup("big", "RC:TxtMsg", "{\"content\":\"hello 3000\"}").join();

            await().atMost(Duration.ofSeconds(60)).until(() -> members.subList(0, ONLINE).stream()
                    .allMatch(member -> count(received.get(member), sent.messageUid()) >= 1));
            for (String member : members.subList(0, ONLINE)) {
                assertThat(count(received.get(member), sent.messageUid())).as(member).isEqualTo(1);
            }

            MessageStore store = server.server().kernelObject(StorageProvider.class).messages();
            assertThat(store.conversationHead(new ConversationKey(ConversationType.GROUP, "big")))
                    .as("the message is one append to the group's log (after the membership notices)")
                    .isEqualTo(sent.seq());
            for (String member : members) {
                assertThat(store.inboxHead(member)).as("no inbox entry for " + member).isZero();
            }
            Map<String, List<ReceivedMessage>> late = new ConcurrentHashMap<>();
            for (String member : members.subList(MEMBERS - 20, MEMBERS)) {
                clients.add(connect(server, tokens, member, loop, callbacks, late));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> members.subList(MEMBERS - 20, MEMBERS).stream()
                    .allMatch(member -> count(late.get(member), sent.messageUid()) == 1));
        } finally {
            clients.forEach(ImClient::close);
            loop.shutdownGracefully();
            callbacks.shutdownNow();
        }
    }

    private static ImClient connect(EmbeddedParley server, TokenService tokens, String member, EventLoopGroup loop,
            ExecutorService callbacks, Map<String, List<ReceivedMessage>> received) {
        List<ReceivedMessage> inbox = received.computeIfAbsent(member, id -> new CopyOnWriteArrayList<>());
        ImClient client = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(tokens.issue(member))
                .deviceId(member + "-d").platform("Android").eventLoopGroup(loop).callbackExecutor(callbacks).build();
        client.addMessageListener(inbox::add);
        client.connect().join();
        return client;
    }

    private static long count(List<ReceivedMessage> inbox, String uid) {
        return inbox == null ? 0 : inbox.stream().filter(message -> message.messageUid().equals(uid)).count();
    }
}
