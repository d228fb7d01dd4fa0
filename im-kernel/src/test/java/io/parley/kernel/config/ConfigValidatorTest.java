package io.parley.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static TrackedConfig config(Map<String, String> file, Map<String, String> env, Map<String, String> sys) {
        return TrackedConfig.of(new ConfigSources(file, env, sys));
    }

    private static void readKernelKeys(TrackedConfig config) {
        config.getInt("http.port", 9000);
        config.getInt("tcp.port", 9100);
    }

    @Test
    void unusedFileKeyFailsWithSuggestion() {
        TrackedConfig config = config(Map.of("http.prot", "8080"), Map.of(), Map.of());
        readKernelKeys(config);

        assertThatThrownBy(() -> ConfigValidator.checkAllUsed(config))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("unknown config key 'http.prot'")
                .hasMessageContaining("did you mean 'http.port'");
    }

    @Test
    void unknownEnvironmentVariableFailsWithSuggestion() {
        TrackedConfig config = config(Map.of(), Map.of("PARLEY_HTTP_PROT", "8080"), Map.of());
        readKernelKeys(config);

        assertThatThrownBy(() -> ConfigValidator.checkAllUsed(config))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("PARLEY_HTTP_PROT")
                .hasMessageContaining("did you mean 'PARLEY_HTTP_PORT'");
    }

    @Test
    void passesWhenEveryKeyWasRead() {
        TrackedConfig config = config(Map.of("http.port", "8080"), Map.of("PARLEY_TCP_PORT", "9200"),
                Map.of("app.key", "k"));
        readKernelKeys(config);
        config.get("app.key");

        assertThatCode(() -> ConfigValidator.checkAllUsed(config)).doesNotThrowAnyException();
    }

    @Test
    void farOffKeyGetsNoSuggestion() {
        TrackedConfig config = config(Map.of("xyzzy", "1"), Map.of(), Map.of());
        readKernelKeys(config);

        assertThatThrownBy(() -> ConfigValidator.checkAllUsed(config))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("unknown config key 'xyzzy'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("did you mean"));
    }
}
