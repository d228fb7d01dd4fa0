package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.ErrorCode;
import io.parley.api.error.ErrorType;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.event.ImEvent;
import io.parley.api.event.ImEventListener;
import io.parley.api.event.MessageCommitted;
import io.parley.api.event.MessageDelivered;
import io.parley.api.event.PresenceChanged;
import io.parley.api.model.MessageKind;
import io.parley.api.model.MessageType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.Platform;
import io.parley.api.plugin.ConnectionGuard;
import io.parley.api.plugin.Decision;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ClientCommand;
import io.parley.api.route.ServerApiGuard;
import io.parley.api.route.ServerApiRoute;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.client.ReceivedMessage;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.testkit.ServerApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin author's view: a plugin passed to the embedding builder contributes each extension shape, and
 * each one takes effect on a real server with a real client.
 */
class PluginSpiTest {
    static final List<ImEvent> EVENTS = new CopyOnWriteArrayList<>();

    enum SpiTestErrorCode implements ErrorCode {
        FORBIDDEN_WORD(50001);

        private final int code;

        SpiTestErrorCode(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public ErrorType type() {
            return ErrorType.USER_ERROR;
        }
    }

    /** Contributes one of everything. */
    static final class SpiTestPlugin implements ImPlugin {
        @Override
        public String name() {
            return "spi-test";
        }

        @Override
        public List<MessageType> messageTypes() {
            return List.of(new MessageType("Test:Ping", MessageKind.STATUS));
        }

        @Override
        public PluginInstance create(PluginContext context) {
            return new PluginInstance() {
                @Override
                public List<MessageInterceptor> interceptors() {
                    String word = context.config().get("forbidden-word", "forbidden");
                    return List.of(new MessageInterceptor() {
                        @Override
                        public String name() {
                            return "spi-test.words";
                        }

                        @Override
                        public Decision decide(OutgoingMessage message) {
                            if (message.content().contains(word)) {
                                return Decision.reject(SpiTestErrorCode.FORBIDDEN_WORD, "the word '" + word + "' is not allowed");
                            }
                            if (message.content().contains("darn")) {
                                return Decision.replace(message.withContent(message.content().replace("darn", "****")));
                            }
                            return Decision.proceed();
                        }
                    });
                }

                @Override
                public List<ImEventListener> listeners() {
                    return List.of(new ImEventListener() {
                        @Override
                        public String name() {
                            return "spi-test.recorder";
                        }

                        @Override
                        public void onEvent(ImEvent event) {
                            EVENTS.add(event);
                        }
                    });
                }

                @Override
                public List<ServerApiRoute> serverApiRoutes() {
                    return List.of(new ServerApiRoute() {
                        @Override
                        public String path() {
                            return "/spitest/online.json";
                        }

                        @Override
                        public ApiResponse handle(ApiRequest request) {
                            String userId = request.required("userId");
                            return ApiResponse.of("devices", context.online().devices(userId).size());
                        }
                    });
                }

                @Override
                public List<ServerApiGuard> serverApiGuards() {
                    return List.of(new ServerApiGuard() {
                        @Override
                        public String name() {
                            return "spi-test.guard";
                        }

                        @Override
                        public void check(ApiRequest request) {
                            if (request.optional("userId").filter("throttled"::equals).isPresent()) {
                                throw new ImException(StandardErrorCode.RATE_LIMITED, "too many calls for throttled");
                            }
                        }
                    });
                }

                @Override
                public List<ConnectionGuard> connectionGuards() {
                    return List.of(new ConnectionGuard() {
                        @Override
                        public String name() {
                            return "spi-test.bans";
                        }

                        @Override
                        public void checkConnect(String userId, String deviceId, Platform platform, String clientIp) {
                            if (userId.equals("banned")) {
                                throw new ImException(StandardErrorCode.USER_BLOCKED, "banned");
                            }
                        }
                    });
                }

                @Override
                public List<ClientCommand> clientCommands() {
                    return List.of(new ClientCommand() {
                        @Override
                        public String name() {
                            return "spi-test.whoami";
                        }

                        @Override
                        public Map<String, Object> handle(Caller caller, Map<String, Object> body) {
                            return Map.of("userId", caller.userId(), "deviceId", caller.deviceId(), "echo", body.get("echo"));
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
        server = Parley.builder().isolated().discoverPlugins(false).plugin(new SpiTestPlugin())
                .config(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1", "data.dir",
                        dataDir.toString(), "app.key", "spi-key", "app.secret", "spi-secret",
                        "spi-test.forbidden-word", "verboten"))
                .build().start();
        api = new ServerApiClient("http://127.0.0.1:" + server.httpPort(), "spi-key", "spi-secret");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static ImClient connect(String userId, List<ReceivedMessage> inbox) {
        ImClient client = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token(userId))
                .deviceId(userId + "-device").platform("Android").build();
        client.addMessageListener(inbox::add);
        client.connect().join();
        return client;
    }

    @Test
    void interceptorsRejectAndReplaceAndListenersSeeWhatHappened() {
        List<ReceivedMessage> bobInbox = new CopyOnWriteArrayList<>();
        try (ImClient alice = connect("alice", new CopyOnWriteArrayList<>()); ImClient bob = connect("bob", bobInbox)) {
            assertThat(alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"verboten\"}"))
                    .failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                    .isInstanceOf(ImClientException.class)
                    .satisfies(error -> assertThat(((ImClientException) error).code()).isEqualTo(50001));
            alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"darn it\"}").join();
            alice.sendPrivate("bob", "Test:Ping", "{}").join();

            await().atMost(Duration.ofSeconds(10)).until(() -> bobInbox.size() == 2);
            assertThat(bobInbox.get(0).content()).isEqualTo("{\"content\":\"**** it\"}");
            assertThat(bobInbox.get(1).objectName()).isEqualTo("Test:Ping");
            assertThat(bobInbox.get(1).isStatusMessage()).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> EVENTS.stream()
                    .anyMatch(event -> event instanceof MessageDelivered delivered
                            && delivered.onlineRecipients().contains("bob")));
            assertThat(EVENTS).filteredOn(MessageCommitted.class::isInstance).map(MessageCommitted.class::cast)
                    .anySatisfy(committed -> {
                        assertThat(committed.message().content()).contains("****");
                        assertThat(committed.inboxSeqs()).containsKeys("alice", "bob");
                        assertThat(committed.clientIp()).startsWith("127.0.0.1:");
                    })
                    .noneSatisfy(committed -> assertThat(committed.message().content()).contains("verboten"));
            assertThat(EVENTS).filteredOn(PresenceChanged.class::isInstance).map(PresenceChanged.class::cast)
                    .anySatisfy(presence -> {
                        assertThat(presence.userId()).isEqualTo("bob");
                        assertThat(presence.status()).isEqualTo(PresenceChanged.Status.ONLINE);
                        assertThat(presence.platform()).isEqualTo(Platform.ANDROID);
                    });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> EVENTS.stream().anyMatch(event ->
                event instanceof PresenceChanged presence && presence.userId().equals("bob")
                        && presence.status() == PresenceChanged.Status.OFFLINE));
    }

    @Test
    void routesGuardsAndCommandsAreServed() {
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        try (ImClient carol = connect("carol", inbox)) {
            assertThat(api.post("/spitest/online.json", "userId", "carol").body().path("devices").asInt()).isEqualTo(1);
            ServerApiClient.Answer throttled = api.post("/spitest/online.json", "userId", "throttled");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.code()).isEqualTo(1008);

            Map<String, Object> answer = carol.command("spi-test.whoami", Map.of("echo", "hello")).join();
            assertThat(answer).containsEntry("userId", "carol").containsEntry("deviceId", "carol-device")
                    .containsEntry("echo", "hello");
            assertThat(carol.command("no.such.command", Map.of())).failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat().havingCause().isInstanceOf(ImClientException.class)
                    .satisfies(error -> assertThat(((ImClientException) error).code()).isEqualTo(33004));
        }
    }

    @Test
    void aConnectionGuardRefusesABannedUser() {
        ImClient banned = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token("banned"))
                .deviceId("d").platform("iOS").build();
        try (banned) {
            assertThat(banned.connect()).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                    .isInstanceOf(ImClientException.class)
                    .satisfies(error -> assertThat(((ImClientException) error).code()).isEqualTo(31009));
        }
    }

    @Test
    void metricsShowTheTraffic() throws Exception {
        try (ImClient dave = connect("dave", new CopyOnWriteArrayList<>())) {
            dave.sendPrivate("erin", "RC:TxtMsg", "{\"content\":\"counted\"}").join();
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).containsPattern("im_messages_committed_total \\d+")
                    .contains("im_connections").contains("im_frames_in_total{command=\"SEND\"}")
                    .contains("im_commit_latency_seconds").contains("im_storage_fsync")
                    .contains("jvm_memory_used_bytes");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"status\":\"UP\"");
        }
    }
}
