package io.parley.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed readers every plugin's config view inherits. */
class PluginConfigTest {

    private record MapConfig(Map<String, String> values) implements PluginConfig {
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
            return new MapConfig(values.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "."))
                    .collect(Collectors.toMap(e -> e.getKey().substring(prefix.length() + 1), Map.Entry::getValue)));
        }
    }

    private static final PluginConfig CONFIG = new MapConfig(Map.of("n", " 12 ", "big", "9000000000", "bad", "12a",
            "timeout", "30s", "plain", "250", "url", "http://x"));

    @Test
    void valuesAreReadWithTheirTypeOrTheDefaultWhenAbsent() {
        assertThat(CONFIG.getInt("n", 0)).isEqualTo(12);
        assertThat(CONFIG.getInt("absent", 5)).isEqualTo(5);
        assertThat(CONFIG.getLong("big", 0)).isEqualTo(9_000_000_000L);
        assertThat(CONFIG.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CONFIG.getDuration("plain", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(CONFIG.getDuration("absent", Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(CONFIG.get("absent", "d")).isEqualTo("d");
        assertThat(CONFIG.require("url")).isEqualTo("http://x");
    }

    @Test
    void aValueOfTheWrongShapeIsA1002NamingTheKey() {
        assertThatThrownBy(() -> CONFIG.getInt("bad", 0)).isInstanceOf(ImException.class)
                .hasMessage("config bad must be a number, was '12a'");
        assertThatThrownBy(() -> CONFIG.getInt("big", 0)).isInstanceOf(ImException.class)
                .hasMessageContaining("config big must be a number");
        assertThatThrownBy(() -> CONFIG.getDuration("bad", Duration.ZERO)).isInstanceOf(ImException.class)
                .hasMessageContaining("config bad must be a duration");
        assertThatThrownBy(() -> CONFIG.require("absent")).isInstanceOfSatisfying(ImException.class,
                e -> assertThat(e.code()).isEqualTo(1002)).hasMessage("missing config key: absent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "1", "yes", "on", " On "})
    void theseAreTrue(String value) {
        assertThat(new MapConfig(Map.of("b", value)).getBoolean("b", false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0", "no", "off", "OFF"})
    void theseAreFalse(String value) {
        assertThat(new MapConfig(Map.of("b", value)).getBoolean("b", true)).isFalse();
    }

    @Test
    void anyOtherBooleanIsRefused() {
        assertThatThrownBy(() -> new MapConfig(Map.of("b", "maybe")).getBoolean("b", true))
                .isInstanceOf(ImException.class).hasMessage("config b must be true or false, was 'maybe'");
    }
}
