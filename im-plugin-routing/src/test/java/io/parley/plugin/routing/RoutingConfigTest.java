package io.parley.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.plugin.PluginConfig;
import io.parley.plugin.routing.spi.RoutingConfig;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code routing.*} key with its default, and the refusals of bad values. */
class RoutingConfigTest {
    @TempDir
    Path dir;

    @AfterEach
    void awaitOutboxClosed() {
        RoutingTestSupport.awaitOutboxClosed(dir);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        RoutingConfig config = RoutingConfig.read(config(Map.of()));
        assertThat(config.enabled()).isTrue();
        assertThat(config.url()).isEmpty();
        assertThat(config.presenceUrl()).isEmpty();
        assertThat(config.conversationTypes()).isEmpty();
        assertThat(config.objectNames()).isEmpty();
        assertThat(config.includeServerApi()).isFalse();
        assertThat(config.sink()).isEqualTo("http");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.retryInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.retryMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.retryWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(config.batchSize()).isEqualTo(1);
        assertThat(config.maxInMemory()).isEqualTo(10_000);
        assertThat(config.outboxDir()).isEmpty();
        assertThat(config.workers()).isEqualTo(4);
        assertThat(config.replayWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.routes(ConversationType.ULTRA_GROUP, "anything")).isTrue();
    }

    @Test
    void everyKeyIsRead() {
        RoutingConfig config = RoutingConfig.read(config(Map.ofEntries(Map.entry("enabled", "false"),
                Map.entry("url", "http://app/route"), Map.entry("presence-url", "https://app/presence"),
                Map.entry("conversation-types", "1, group,10"), Map.entry("object-names", "RC:TxtMsg,RC:ImgMsg"),
                Map.entry("include-server-api", "1"), Map.entry("sink", "file"), Map.entry("timeout", "2s"),
                Map.entry("retry-initial", "100ms"), Map.entry("retry-max", "1m"), Map.entry("retry-window", "2h"),
                Map.entry("batch-size", "20"), Map.entry("max-in-memory", "2000"), Map.entry("outbox-dir", "/tmp/x"),
                Map.entry("workers", "8"), Map.entry("replay-window", "10m"))));
        assertThat(config.enabled()).isFalse();
        assertThat(config.url()).contains("http://app/route");
        assertThat(config.presenceUrl()).contains("https://app/presence");
        assertThat(config.conversationTypes())
                .containsExactlyInAnyOrder(ConversationType.PRIVATE, ConversationType.GROUP, ConversationType.ULTRA_GROUP);
        assertThat(config.objectNames()).containsExactlyInAnyOrder("RC:TxtMsg", "RC:ImgMsg");
        assertThat(config.includeServerApi()).isTrue();
        assertThat(config.sink()).isEqualTo("file");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.retryInitial()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.retryMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.retryWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(config.batchSize()).isEqualTo(20);
        assertThat(config.maxInMemory()).isEqualTo(2000);
        assertThat(config.outboxDir()).contains(Path.of("/tmp/x"));
        assertThat(config.workers()).isEqualTo(8);
        assertThat(config.replayWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.routes(ConversationType.GROUP, "RC:TxtMsg")).isTrue();
        assertThat(config.routes(ConversationType.CHATROOM, "RC:TxtMsg")).isFalse();
        assertThat(config.routes(ConversationType.PRIVATE, "RC:CmdMsg")).isFalse();
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertRefused(Map.of("url", "ftp://x"), "routing.url");
        assertRefused(Map.of("conversation-types", "1,99"), "routing.conversation-types");
        assertRefused(Map.of("retry-initial", "10s", "retry-max", "1s"), "routing.retry-max");
        assertRefused(Map.of("batch-size", "0"), "routing.batch-size");
        assertRefused(Map.of("batch-size", "50", "max-in-memory", "10"), "routing.max-in-memory");
        assertRefused(Map.of("timeout", "0"), "routing.timeout");
        assertRefused(Map.of("workers", "0"), "routing.workers");
        assertRefused(Map.of("replay-window", "0"), "routing.replay-window");
    }

    @Test
    void anUnknownSinkOrAMistypedKeyFailsStartup() {
        assertThatThrownBy(() -> EmbeddedParley.start(dir, "routing.url", "http://127.0.0.1:1/route",
                "routing.sink", "kafka").close())
                .hasMessageContaining("routing.sink 'kafka' is not a known sink; known: http, file");
        assertThatThrownBy(() -> EmbeddedParley.start(dir, "routing.url", "http://127.0.0.1:1/route",
                "routing.retry-windw", "1h").close())
                .hasMessageContaining("routing.retry-windw").hasMessageContaining("retry-window");
    }

    @Test
    void switchedOffItAcceptsItsKeysAndRoutesNothing() {
        try (EmbeddedParley server = EmbeddedParley.start(dir, "routing.enabled", "false", "routing.url",
                "http://127.0.0.1:1/route", "routing.file.path", dir.resolve("x.jsonl").toString())) {
            assertThat(server.serverApi().post("/routing/deadletter/query.json").status()).isEqualTo(404);
        }
        assertThat(dir.resolve("routing")).doesNotExist();
    }

    private static void assertRefused(Map<String, String> values, String key) {
        assertThatThrownBy(() -> RoutingConfig.read(config(values))).isInstanceOf(ImException.class)
                .hasMessageContaining(key);
    }

    /** A plain map as a {@link PluginConfig}. */
    static PluginConfig config(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        return new PluginConfig() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Set<String> keys() {
                return Set.copyOf(copy.keySet());
            }

            @Override
            public PluginConfig subset(String prefix) {
                return config(copy.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix + "."))
                        .collect(Collectors.toMap(entry -> entry.getKey().substring(prefix.length() + 1),
                                Map.Entry::getValue)));
            }
        };
    }
}
