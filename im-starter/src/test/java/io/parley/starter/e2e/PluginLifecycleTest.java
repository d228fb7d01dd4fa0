package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.testkit.ServerApiClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin author's view of the lifecycle: {@code create} once per server start with the plugin's own config,
 * {@code start()} in dependency order before the ports open, {@code close()} at stop in reverse; what fails startup
 * and how it is told; the publisher taken in {@code create}, refused before {@code start()} and working from it on.
 */
class PluginLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** What every recording plugin did, in order: {@code create:a}, {@code start:a}, {@code close:a}. */
    private final List<String> log = new CopyOnWriteArrayList<>();

    @TempDir
    Path dataDir;

    private int tcpPort;

    @BeforeEach
    void reservePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            tcpPort = socket.getLocalPort();
        }
    }

    /** Records its lifecycle in {@link #log}, and what it saw: its config, whether the TCP port was open at start. */
    final class Recording implements ImPlugin {
        final String name;
        final List<String> dependsOn;
        final List<Optional<String>> greetings = new CopyOnWriteArrayList<>();
        final List<Optional<String>> prefixedGreetings = new CopyOnWriteArrayList<>();
        final List<Boolean> portOpenAtStart = new CopyOnWriteArrayList<>();
        RuntimeException failStart;
        RuntimeException failCreate;

        Recording(String name, String... dependsOn) {
            this.name = name;
            this.dependsOn = List.of(dependsOn);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> dependsOn() {
            return dependsOn;
        }

        @Override
        public PluginInstance create(PluginContext context) {
            log.add("create:" + name);
            if (failCreate != null) {
                throw failCreate;
            }
            greetings.add(context.config().get("greeting"));
            prefixedGreetings.add(context.config().get(name + ".greeting"));
            return new PluginInstance() {
                @Override
                public void start() {
                    log.add("start:" + name);
                    portOpenAtStart.add(accepts(tcpPort));
                    if (failStart != null) {
                        throw failStart;
                    }
                }

                @Override
                public void close() {
                    log.add("close:" + name);
                }
            };
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Parley.Builder builder(Map<String, String> extraConfig, ImPlugin... plugins) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("http.port", "0", "tcp.port",
                String.valueOf(tcpPort), "bind.host", "127.0.0.1", "data.dir", dataDir.toString(), "app.key",
                "life-key", "app.secret", "life-secret"));
        config.putAll(extraConfig);
        Parley.Builder builder = Parley.builder().isolated().discoverPlugins(false).config(config);
        for (ImPlugin plugin : plugins) {
            builder.plugin(plugin);
        }
        return builder;
    }

    private List<String> logOf(String... names) {
        List<String> mine = new ArrayList<>();
        for (String entry : log) {
            for (String name : names) {
                if (entry.endsWith(":" + name)) {
                    mine.add(entry);
                }
            }
        }
        return mine;
    }

    @Test
    void createOncePerStartThenStartInDependencyOrderBeforeThePortsOpenAndCloseInReverseAtStop() {
        // listed before what it depends on: the order comes from dependsOn, not from the listing
        Recording late = new Recording("late-plugin", "early-plugin");
        Recording early = new Recording("early-plugin");
        Map<String, String> config = Map.of("late-plugin.greeting", "hello", "early-plugin.greeting", "hi");

        for (int run = 1; run <= 2; run++) {
            log.clear();
            ParleyServer server = builder(config, late, early).build().start();
            try {
                assertThat(logOf("late-plugin", "early-plugin")).containsExactly("create:early-plugin",
                        "create:late-plugin", "start:early-plugin", "start:late-plugin");
                assertThat(accepts(server.tcpPort())).isTrue();
            } finally {
                server.stop();
            }
            assertThat(logOf("late-plugin", "early-plugin")).containsExactly("create:early-plugin",
                    "create:late-plugin", "start:early-plugin", "start:late-plugin", "close:late-plugin",
                    "close:early-plugin");
            // one create per server start, each with the plugin's own subtree
            assertThat(late.greetings).hasSize(run).containsOnly(Optional.of("hello"));
            assertThat(early.greetings).hasSize(run).containsOnly(Optional.of("hi"));
            assertThat(late.prefixedGreetings).containsOnly(Optional.empty());
        }
        // the ports opened only after every start(): clients cannot connect before
        assertThat(late.portOpenAtStart).containsExactly(false, false);
        assertThat(early.portOpenAtStart).containsExactly(false, false);
    }

    @Test
    void aPluginFailingToStartFailsStartupNamingItAndEveryInstanceCreatedIsClosedInReverse() {
        Recording first = new Recording("first-plugin");
        Recording failing = new Recording("failing-plugin", "first-plugin");
        failing.failStart = new IllegalStateException("no licence file");
        Recording last = new Recording("last-plugin", "failing-plugin");

        assertThatThrownBy(() -> builder(Map.of(), first, failing, last).build().start())
                .isInstanceOf(ImException.class).hasMessageContaining("failing-plugin")
                .hasMessageContaining("no licence file");

        assertThat(logOf("first-plugin", "failing-plugin", "last-plugin")).containsExactly("create:first-plugin",
                "create:failing-plugin", "create:last-plugin", "start:first-plugin", "start:failing-plugin",
                "close:last-plugin", "close:failing-plugin", "close:first-plugin");
        assertThat(accepts(tcpPort)).isFalse();
    }

    @Test
    void aConfigurationThatFailsValidationFailsStartupBeforeEitherPortListens() throws IOException {
        int httpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            httpPort = socket.getLocalPort();
        }
        int http = httpPort;
        List<Boolean> listeningAtCreate = new CopyOnWriteArrayList<>();
        ImPlugin probe = new ImPlugin() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public PluginInstance create(PluginContext context) {
                // created while the kernel is wired, before the configuration is checked for unknown keys
                listeningAtCreate.add(accepts(tcpPort) || accepts(http));
                log.add("create:probe");
                return new PluginInstance() {
                    @Override
                    public void start() {
                        log.add("start:probe");
                    }
                };
            }
        };

        assertThatThrownBy(() -> builder(Map.of("http.port", String.valueOf(http), "tcp.prot", "9100"), probe)
                .build().start())
                .isInstanceOf(ImException.class).hasMessageContaining("unknown config key 'tcp.prot'");

        assertThat(listeningAtCreate).containsExactly(false);
        assertThat(logOf("probe")).containsExactly("create:probe");
        assertThat(accepts(tcpPort)).isFalse();
        assertThat(accepts(http)).isFalse();
        // and both ports are free again: nothing was left bound
        try (ServerSocket tcp = new ServerSocket(tcpPort); ServerSocket web = new ServerSocket(http)) {
            assertThat(tcp.isBound() && web.isBound()).isTrue();
        }
    }

    @Test
    void aPluginFailingToCreateFailsStartupNamingItAndTheInstancesCreatedBeforeAreClosed() {
        Recording first = new Recording("first-plugin");
        Recording failing = new Recording("failing-plugin", "first-plugin");
        failing.failCreate = new IllegalArgumentException("bad rule file");

        assertThatThrownBy(() -> builder(Map.of(), first, failing).build().start())
                .isInstanceOf(ImException.class).hasMessageContaining("failing-plugin")
                .hasMessageContaining("bad rule file");

        assertThat(logOf("first-plugin", "failing-plugin")).containsExactly("create:first-plugin",
                "create:failing-plugin", "close:first-plugin");
    }

    /** A plugin's own ImException (here: a config key it requires is missing) keeps its code and gains its name. */
    @Test
    void aPluginsImExceptionInCreateIsToldWithThePluginsName() {
        ImPlugin strict = new ImPlugin() {
            @Override
            public String name() {
                return "strict-plugin";
            }

            @Override
            public PluginInstance create(PluginContext context) {
                context.config().require("rules-file");
                return new PluginInstance() {
                };
            }
        };

        assertThatThrownBy(() -> builder(Map.of(), strict).build().start())
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode().code()).isEqualTo(1002))
                .hasMessageContaining("strict-plugin").hasMessageContaining("missing config key: rules-file");
    }

    @Test
    void aDependencyOnAPluginNotLoadedFailsStartupNamingBoth() {
        Recording needy = new Recording("needy-plugin", "missing-plugin");

        assertThatThrownBy(() -> builder(Map.of(), needy).build().start())
                .isInstanceOf(ImException.class).hasMessageContaining("needy-plugin")
                .hasMessageContaining("missing-plugin");
        assertThat(log).isEmpty();
    }

    @Test
    void aDependencyCycleFailsStartupNamingIt() {
        Recording a = new Recording("a-plugin", "b-plugin");
        Recording b = new Recording("b-plugin", "c-plugin");
        Recording c = new Recording("c-plugin", "a-plugin");

        assertThatThrownBy(() -> builder(Map.of(), a, b, c).build().start())
                .isInstanceOf(ImException.class).hasMessageContaining("cycle")
                .hasMessageContaining("a-plugin").hasMessageContaining("b-plugin").hasMessageContaining("c-plugin");
        assertThat(log).isEmpty();
    }

    /** Takes the publisher and the conversation service in {@code create}; tries them there, and publishes in start. */
    static final class Announcer implements ImPlugin {
        final AtomicReference<Throwable> publishInCreate = new AtomicReference<>();
        final AtomicReference<Throwable> readInCreate = new AtomicReference<>();
        final CompletableFuture<Message> publishedInStart = new CompletableFuture<>();

        @Override
        public String name() {
            return "announcer";
        }

        @Override
        public PluginInstance create(PluginContext context) {
            MessagePublisher publisher = context.publisher();
            try {
                publisher.publish(announcement("too early"));
            } catch (Throwable e) {
                publishInCreate.set(e);
            }
            try {
                context.conversations().mayRead("pat", ConversationKey.privateChat("announcer-bot", "pat"));
            } catch (Throwable e) {
                readInCreate.set(e);
            }
            return new PluginInstance() {
                @Override
                public void start() {
                    CompletionStage<Message> published = publisher.publish(announcement("we are open"));
                    published.whenComplete((message, failure) -> {
                        if (failure != null) {
                            publishedInStart.completeExceptionally(failure);
                        } else {
                            publishedInStart.complete(message);
                        }
                    });
                }
            };
        }

        private static OutgoingMessage announcement(String text) {
            return new OutgoingMessage(ConversationType.PRIVATE, "announcer-bot", "pat", "RC:TxtMsg",
                    "{\"content\":\"" + text + "\"}", Optional.empty(), Optional.empty(), true, true, false,
                    "announce-" + text.replace(' ', '-'), Optional.empty());
        }
    }

    @Test
    void thePublisherTakenInCreateRefusesBeforeStartAndPublishesFromStartOn() {
        Announcer announcer = new Announcer();
        ParleyServer server = builder(Map.of(), announcer).build().start();
        try {
            assertThat(announcer.publishInCreate.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("start()");
            assertThat(announcer.readInCreate.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("start()");
            Message published = announcer.publishedInStart.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                    .join();
            assertThat(published.seq()).isEqualTo(1);

            ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + server.httpPort(), "life-key",
                    "life-secret");
            List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
            try (ImClient pat = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(api.token("pat"))
                    .deviceId("pat-phone").platform("iOS").build()) {
                pat.addMessageListener(received::add);
                pat.connect().join();
                await().atMost(WAIT).until(() -> received.size() == 1);
            }
            assertThat(received.get(0).fromUserId()).isEqualTo("announcer-bot");
            assertThat(received.get(0).content()).contains("we are open");
            assertThat(received.get(0).messageUid()).isEqualTo(published.messageUid());
        } finally {
            server.stop();
        }
    }
}
