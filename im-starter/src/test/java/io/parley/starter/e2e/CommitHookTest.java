package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.EventExecutor;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.MessageKind;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.CommitHook;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.kernel.transport.NettyGroups;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin author's view of commit hooks: what they are called for, with what, in which order and on which thread;
 * that a failing hook loses nothing; and that a hook or an interceptor may publish as long as it does not wait.
 */
class CommitHookTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    record Seen(Message message, MessageKind kind, Thread thread) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    static final List<CompletableFuture<Message>> HOOK_PUBLISHES = new CopyOnWriteArrayList<>();
    static final List<CompletableFuture<Message>> INTERCEPTOR_PUBLISHES = new CopyOnWriteArrayList<>();

    /** A failing hook first, then a recorder; a hook and an interceptor that answer in the same conversation. */
    static final class HooksPlugin implements ImPlugin {
        @Override
        public String name() {
            return "hooks-test";
        }

        @Override
        public PluginInstance create(PluginContext context) {
            MessagePublisher publisher = context.publisher();
            return new PluginInstance() {
                @Override
                public List<CommitHook> commitHooks() {
                    return List.of(hook("hooks-test.fails", (message, kind) -> {
                        if (message.content().contains("explode")) {
                            throw new IllegalStateException("the hook failed on purpose");
                        }
                    }), hook("hooks-test.records", (message, kind) -> SEEN.add(new Seen(message, kind,
                            Thread.currentThread()))), hook("hooks-test.echoes", (message, kind) -> {
                                if (message.content().contains("echo me")) {
                                    // into the same conversation, from the other user; chained on, never waited for
                                    HOOK_PUBLISHES.add(publisher.publish(reply(message, "echo reply"))
                                            .toCompletableFuture());
                                }
                            }));
                }

                @Override
                public List<MessageInterceptor> interceptors() {
                    return List.of(new MessageInterceptor() {
                        @Override
                        public String name() {
                            return "hooks-test.answers";
                        }

                        @Override
                        public Decision decide(OutgoingMessage message) {
                            if (message.content().contains("intercept me")) {
                                INTERCEPTOR_PUBLISHES.add(publisher.publish(new OutgoingMessage(
                                        ConversationType.PRIVATE, message.targetId(), message.fromUserId(),
                                        "RC:TxtMsg", "{\"content\":\"interceptor reply\"}", Optional.empty(),
                                        Optional.empty(), true, true, false, UUID.randomUUID().toString(),
                                        Optional.empty())).toCompletableFuture());
                            }
                            return Decision.proceed();
                        }
                    });
                }
            };
        }

        private static OutgoingMessage reply(Message message, String text) {
            return new OutgoingMessage(ConversationType.PRIVATE, message.targetId(), message.fromUserId(),
                    "RC:TxtMsg", "{\"content\":\"" + text + "\"}", Optional.empty(), Optional.empty(), true, true,
                    false, UUID.randomUUID().toString(), Optional.empty());
        }

        private static CommitHook hook(String name, java.util.function.BiConsumer<Message, MessageKind> body) {
            return new CommitHook() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public void afterCommit(Message message, MessageKind kind) {
                    body.accept(message, kind);
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
        server = Parley.builder().isolated().discoverPlugins(false).plugin(new HooksPlugin())
                .config(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1", "data.dir",
                        dataDir.toString(), "app.key", "hook-key", "app.secret", "hook-secret"))
                .build().start();
        api = new ServerApiClient("http://127.0.0.1:" + server.httpPort(), "hook-key", "hook-secret");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static ImClient connect(String userId, List<ReceivedMessage> received) {
        ImClient client = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token(userId))
                .deviceId(userId + "-phone").platform("Android").build();
        client.addMessageListener(message -> {
            if (!message.isStatusMessage()) {
                received.add(message);
            }
        });
        client.connect().join();
        return client;
    }

    private static List<Seen> seenIn(ConversationKey conversation) {
        return SEEN.stream().filter(seen -> seen.message().conversation().equals(conversation)).toList();
    }

    private static Set<Thread> eventLoopThreads() throws Exception {
        NettyGroups groups = server.kernelObject(NettyGroups.class);
        Set<Thread> threads = new HashSet<>();
        for (EventExecutor loop : groups.workers()) {
            threads.add(loop.submit(Thread::currentThread).get());
        }
        return threads;
    }

    private static double hookErrors() {
        return server.meterRegistry().get("im.commit_hook.errors").counter().count();
    }

    @Test
    void hooksSeeEachCommittedMessageOnceInCommitOrderWithItsSeqAndUidOffTheEventLoops() throws Exception {
        ConversationKey chat = ConversationKey.privateChat("alice", "bob");
        try (ImClient alice = connect("alice", new CopyOnWriteArrayList<>());
                ImClient bob = connect("bob", new CopyOnWriteArrayList<>())) {
            // a status message first: had it a hook call, that call would come before the texts'
            alice.sendPrivate("bob", "RC:TypSts", "{\"typingContentType\":\"RC:TxtMsg\"}").join();
            List<CompletableFuture<SendResult>> sends = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ImClient from = i % 2 == 0 ? alice : bob;
                sends.add(from.sendPrivate(i % 2 == 0 ? "bob" : "alice", "RC:TxtMsg",
                        "{\"content\":\"m" + i + "\"}"));
            }
            List<SendResult> results = sends.stream().map(CompletableFuture::join).toList();

            await().atMost(WAIT).until(() -> seenIn(chat).size() >= 20);
            List<Seen> seen = seenIn(chat);
            assertThat(seen).hasSize(20);
            assertThat(seen).extracting(each -> each.message().seq())
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
            Map<Long, String> uidBySeq = new java.util.HashMap<>();
            results.forEach(result -> uidBySeq.put(result.seq(), result.messageUid()));
            assertThat(seen).allSatisfy(each -> {
                assertThat(each.message().messageUid()).isEqualTo(uidBySeq.get(each.message().seq()));
                assertThat(each.kind()).isEqualTo(MessageKind.COUNTED);
                assertThat(each.message().objectName()).isEqualTo("RC:TxtMsg");
            });
            Set<Thread> loops = eventLoopThreads();
            assertThat(loops).isNotEmpty();
            assertThat(seen).extracting(Seen::thread).doesNotContainAnyElementsOf(loops);
        }
    }

    @Test
    void aDuplicateSendAnsweredWithTheFirstCommitCallsNoHook() {
        String[] form = {"fromUserId", "dup-sender", "toUserId", "dup-reader", "objectName", "RC:TxtMsg", "content",
                "{\"content\":\"once\"}", "msgRandom", "424242"};
        ServerApiClient.Answer first = api.post("/message/private/publish.json", form);
        ServerApiClient.Answer again = api.post("/message/private/publish.json", form);
        assertThat(first.code()).isEqualTo(200);
        assertThat(again.code()).isEqualTo(200);
        String uid = first.body().at("/messageUIDs/0/messageUID").asText();
        assertThat(again.body().at("/messageUIDs/0/messageUID").asText()).isEqualTo(uid).isNotBlank();

        // hooks run before the sender is answered: by the second answer, a hook call for it would have been made
        assertThat(SEEN).filteredOn(seen -> seen.message().messageUid().equals(uid)).hasSize(1);
    }

    @Test
    void aHookThatThrowsLosesNoMessageIsCountedAndTheNextHooksStillRun() {
        List<ReceivedMessage> danReceived = new CopyOnWriteArrayList<>();
        double before = hookErrors();
        try (ImClient cat = connect("cat", new CopyOnWriteArrayList<>()); ImClient dan = connect("dan", danReceived)) {
            SendResult sent = cat.sendPrivate("dan", "RC:TxtMsg", "{\"content\":\"explode\"}").join();

            await().atMost(WAIT).until(() -> danReceived.stream()
                    .anyMatch(message -> message.messageUid().equals(sent.messageUid())));
            assertThat(hookErrors()).isEqualTo(before + 1);
            assertThat(SEEN).filteredOn(seen -> seen.message().messageUid().equals(sent.messageUid())).hasSize(1);
        }
    }

    @Test
    void aHookThatPublishesWithoutWaitingGetsItsMessageCommitted() {
        List<ReceivedMessage> erinReceived = new CopyOnWriteArrayList<>();
        try (ImClient erin = connect("erin", erinReceived); ImClient frank = connect("frank", new CopyOnWriteArrayList<>())) {
            SendResult sent = erin.sendPrivate("frank", "RC:TxtMsg", "{\"content\":\"echo me\"}").join();

            await().atMost(WAIT).until(() -> erinReceived.stream()
                    .anyMatch(message -> message.content().contains("echo reply")));
            ReceivedMessage reply = erinReceived.stream().filter(message -> message.content().contains("echo reply"))
                    .findFirst().orElseThrow();
            assertThat(reply.fromUserId()).isEqualTo("frank");
            assertThat(reply.seq()).isGreaterThan(sent.seq());
            assertThat(HOOK_PUBLISHES).anySatisfy(stage -> assertThat(stage).isCompletedWithValueMatching(
                    message -> message.messageUid().equals(reply.messageUid())));
        }
    }

    @Test
    void anInterceptorThatPublishesToTheSameConversationWithoutWaitingWorks() {
        List<ReceivedMessage> ginaReceived = new CopyOnWriteArrayList<>();
        try (ImClient gina = connect("gina", ginaReceived); ImClient hank = connect("hank", new CopyOnWriteArrayList<>())) {
            SendResult sent = gina.sendPrivate("hank", "RC:TxtMsg", "{\"content\":\"intercept me\"}").join();

            await().atMost(WAIT).until(() -> ginaReceived.size() == 2);
            assertThat(ginaReceived).extracting(ReceivedMessage::content)
                    .containsExactly("{\"content\":\"intercept me\"}", "{\"content\":\"interceptor reply\"}");
            assertThat(ginaReceived.get(0).messageUid()).isEqualTo(sent.messageUid());
            assertThat(ginaReceived.get(1).fromUserId()).isEqualTo("hank");
            // queued on the conversation's stripe behind the message being intercepted: committed right after it
            assertThat(ginaReceived).extracting(ReceivedMessage::seq).containsExactly(sent.seq(), sent.seq() + 1);
        }
    }
}
