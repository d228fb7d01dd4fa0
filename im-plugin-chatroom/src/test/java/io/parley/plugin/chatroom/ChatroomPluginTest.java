package io.parley.plugin.chatroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatroomPluginTest {

    @Test
    void serviceLoaderFindsExactlyOnePluginOfThisClass() {
        List<ImPlugin> found = ServiceLoader.load(ImPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(ChatroomPlugin.class::isInstance)
                .toList();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).name()).isEqualTo("chatroom");
    }

    @Test
    void configMapsEveryKeyAndDefaultsToTheDocumentedValues() {
        assertThat(ChatroomConfig.from(config(Map.of()))).isEqualTo(ChatroomConfig.defaults());
        assertThat(ChatroomConfig.defaults().keepAlive()).isEqualTo(Duration.ofHours(1));
        assertThat(ChatroomConfig.defaults().historyDefaultCount()).isEqualTo(50);

        ChatroomConfig custom = ChatroomConfig.from(config(Map.ofEntries(Map.entry("auto-create", "false"),
                Map.entry("max-rooms-per-user", "3"), Map.entry("max-members", "1000"),
                Map.entry("history.default-count", "10"), Map.entry("history.max-count", "200"),
                Map.entry("ring-size", "300"), Map.entry("keep-alive", "2h"), Map.entry("sweep-interval", "5s"),
                Map.entry("disconnect-grace", "0"), Map.entry("max-messages-per-second", "50"),
                Map.entry("kv.max-keys", "5"), Map.entry("kv.max-key-length", "16"),
                Map.entry("kv.max-value-length", "64"))));
        assertThat(custom).isEqualTo(new ChatroomConfig(false, 3, 1000, 10, 200, 300, Duration.ofHours(2),
                Duration.ofSeconds(5), Duration.ZERO, 50, 5, 16, 64));
        // a larger history maximum raises the ring with it
        assertThat(ChatroomConfig.from(config(Map.of("history.max-count", "500"))).ringSize()).isEqualTo(500);
    }

    @Test
    void configRejectsValuesThatCannotWork() {
        assertThatThrownBy(() -> ChatroomConfig.from(config(Map.of("max-rooms-per-user", "0"))))
                .isInstanceOf(ImException.class).hasMessageContaining("chatroom.max-rooms-per-user");
        assertThatThrownBy(() -> ChatroomConfig.from(config(Map.of("history.default-count", "60"))))
                .hasMessageContaining("chatroom.history.default-count");
        assertThatThrownBy(() -> ChatroomConfig.from(config(Map.of("ring-size", "10"))))
                .hasMessageContaining("chatroom.ring-size");
        assertThatThrownBy(() -> ChatroomConfig.from(config(Map.of("keep-alive", "soon"))))
                .hasMessageContaining("keep-alive");
        assertThatThrownBy(() -> ChatroomConfig.from(config(Map.of("max-messages-per-second", "0"))))
                .hasMessageContaining("chatroom.max-messages-per-second");
    }

    @Test
    void theBudgetLetsLowPriorityGoFirstAndWhitelistedNeverAndRefillsWithTime() {
        DeliveryBudget budget = new DeliveryBudget(10, 0);
        int low = 0;
        while (budget.admit(DeliveryBudget.Priority.LOW, 0)) {
            low++;
        }
        assertThat(low).isEqualTo(6);
        int normal = 0;
        while (budget.admit(DeliveryBudget.Priority.NORMAL, 0)) {
            normal++;
        }
        assertThat(normal).isEqualTo(4);
        assertThat(budget.admit(DeliveryBudget.Priority.WHITELISTED, 0)).isTrue();
        assertThat(budget.admit(DeliveryBudget.Priority.NORMAL, 99)).isFalse();
        assertThat(budget.admit(DeliveryBudget.Priority.NORMAL, 100)).isTrue();
        assertThat(budget.admit(DeliveryBudget.Priority.LOW, 200)).isFalse();
        assertThat(budget.admit(DeliveryBudget.Priority.LOW, 1_000)).isTrue();
    }

    @Test
    void entryInfoIsReadAsAFlatJsonObject() {
        assertThat(FlatJson.parseObject("entryInfo", " {\"a\":\"x\\\"y\", \"n\": 3, \"b\":true, \"u\":\"\\u00e9\"} "))
                .containsExactly(Map.entry("a", "x\"y"), Map.entry("n", "3"), Map.entry("b", "true"),
                        Map.entry("u", "é"));
        assertThat(FlatJson.parseObject("entryInfo", "{}")).isEmpty();
        assertThatThrownBy(() -> FlatJson.parseObject("entryInfo", "{\"a\":{\"b\":1}}"))
                .isInstanceOf(ImException.class).hasMessageContaining("entryInfo");
        assertThatThrownBy(() -> FlatJson.parseObject("entryInfo", "{\"a\":\"1\""))
                .isInstanceOf(ImException.class);
    }

    private static PluginConfig config(Map<String, String> values) {
        return new PluginConfig() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Set<String> keys() {
                return values.keySet();
            }

            @Override
            public PluginConfig subset(String prefix) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
