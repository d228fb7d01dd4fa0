package io.parley.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {

    @TempDir
    Path dir;

    private static Properties sysprops(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void builderValueIsUsedWhenNothingElseSetsTheKey() {
        ConfigSources sources = ConfigSources.load(Map.of("http.port", "1111"), Optional.empty(), Map.of(), sysprops());

        assertThat(sources.lookup("http.port")).contains("1111");
    }

    @Test
    void environmentBeatsBuilderAndFile() throws IOException {
        Path file = Files.writeString(dir.resolve("parley.properties"), "http.port=2222\n");
        ConfigSources sources = ConfigSources.load(Map.of("http.port", "1111"), Optional.of(file),
                Map.of("PARLEY_HTTP_PORT", "3333"), sysprops());

        assertThat(sources.lookup("http.port")).contains("3333");
    }

    @Test
    void systemPropertyBeatsEnvironmentAndFile() throws IOException {
        Path file = Files.writeString(dir.resolve("parley.properties"), "http.port=2222\n");
        ConfigSources sources = ConfigSources.load(Map.of("http.port", "1111"), Optional.of(file),
                Map.of("PARLEY_HTTP_PORT", "3333"), sysprops("parley.http.port", "4444", "http.port", "5555"));

        assertThat(sources.lookup("http.port")).contains("4444");
    }

    @Test
    void envNameUpperCasesAndReplacesDotsAndDashes() {
        assertThat(ConfigSources.envName("session.multi-device")).isEqualTo("PARLEY_SESSION_MULTI_DEVICE");
    }

    @Test
    void environmentVariableIsFoundByItsDerivedName() {
        ConfigSources sources = ConfigSources.load(Map.of(), Optional.empty(),
                Map.of("PARLEY_SESSION_MULTI_DEVICE", "unlimited", "HOME", "/root"), sysprops());

        assertThat(sources.lookup("session.multi-device")).contains("unlimited");
        assertThat(sources.envNames()).containsExactly("PARLEY_SESSION_MULTI_DEVICE");
    }

    @Test
    void explicitPropertiesFileIsRead() throws IOException {
        Path file = Files.writeString(dir.resolve("app.properties"), "# comment\napp.key = my-key\ntcp.port=9200\n");
        ConfigSources sources = ConfigSources.load(Map.of(), Optional.of(file), Map.of(), sysprops());

        assertThat(sources.lookup("app.key")).contains("my-key");
        assertThat(sources.lookup("tcp.port")).contains("9200");
        assertThat(sources.explicitKeys()).containsExactly("app.key", "tcp.port");
    }

    @Test
    void fileNamedByParleyConfigIsReadAndTheVariableIsNotAConfigKey() throws IOException {
        Path file = Files.writeString(dir.resolve("env.properties"), "tcp.port=9300\n");
        ConfigSources sources = ConfigSources.load(Map.of(), Optional.empty(),
                Map.of("PARLEY_CONFIG", file.toString()), sysprops());

        assertThat(sources.lookup("tcp.port")).contains("9300");
        assertThat(sources.envNames()).doesNotContain("PARLEY_CONFIG");
    }

    @Test
    void missingFileIsAClearError() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> ConfigSources.load(Map.of(), Optional.of(missing), Map.of(), sysprops()))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("config file not found")
                .hasMessageContaining(missing.toString())
                .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(1002));
    }

    @Test
    void theOriginOfEachValueIsKnownAndABuilderValueRanksUnderTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("parley.properties"), "http.port=2222\ndata.dir=/file\n");
        ConfigSources sources = ConfigSources.load(Map.of("http.port", "1111", "app.key", "built"), Optional.of(file),
                Map.of("PARLEY_TCP_PORT", "3333"), sysprops("parley.mode", "production"));

        assertThat(sources.lookup("http.port")).contains("2222");
        assertThat(sources.origin("http.port")).contains(ConfigSources.Origin.FILE);
        assertThat(sources.origin("app.key")).contains(ConfigSources.Origin.BUILDER);
        assertThat(sources.origin("tcp.port")).contains(ConfigSources.Origin.ENVIRONMENT);
        assertThat(sources.origin("mode")).contains(ConfigSources.Origin.SYSTEM_PROPERTY);
        assertThat(sources.origin("bind.host")).isEmpty();
        assertThat(sources.explicitKeys()).containsExactly("app.key", "data.dir", "http.port", "mode");
    }
}
