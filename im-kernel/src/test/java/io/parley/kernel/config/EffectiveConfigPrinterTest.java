package io.parley.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.config.EffectiveConfigPrinter.Entry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectiveConfigPrinterTest {

    @Test
    void masksSecretsAndShowsOtherValues() {
        TrackedConfig config = TrackedConfig.of(Map.of(
                "app.key", "visible-app-key",
                "app.secret", "hidden-secret-1",
                "db.password", "hidden-password-2",
                "push.auth-token", "hidden-token-3",
                "vendor.credentials", "hidden-credential-4",
                "http.port", "8080"));
        config.keys().forEach(config::get);

        String rendered = EffectiveConfigPrinter.render(config);

        assertThat(rendered).contains("app.key=visible-app-key", "http.port=8080", "app.secret=****",
                "db.password=****", "push.auth-token=****", "vendor.credentials=****");
        assertThat(rendered).doesNotContain("hidden-");
    }

    @Test
    void aKeyDeclaredSecretWhereItIsReadIsMaskedWhateverItsNameAndItsDefaultToo() {
        TrackedConfig config = TrackedConfig.of(Map.of("sink.bearer", "hidden-bearer-5", "sink.url", "https://x"));
        PluginConfigReader.read(config.subset("sink"));
        assertThat(config.getSecret("app.secret", "hidden-default-6")).isEqualTo("hidden-default-6");

        String rendered = EffectiveConfigPrinter.render(config);

        assertThat(rendered).contains("sink.bearer=****", "sink.url=https://x", "app.secret=****");
        assertThat(rendered).doesNotContain("hidden-");
        assertThat(config.isDeclaredSecret("sink.bearer")).isTrue();
        assertThat(config.isDeclaredSecret("sink.url")).isFalse();
    }

    /** A plugin's reading of its subtree: a bearer token, whose name marks no secret, declared one. */
    private static final class PluginConfigReader {
        static void read(io.parley.api.plugin.PluginConfig sink) {
            assertThat(sink.getSecret("bearer")).contains("hidden-bearer-5");
            assertThat(sink.get("url")).contains("https://x");
        }
    }

    @Test
    void aSecretIsToldByTheLastSegmentOfItsKey() {
        assertThat(EffectiveConfigPrinter.isSecret("push.apns.auth-token")).isTrue();
        assertThat(EffectiveConfigPrinter.isSecret("push.huawei.app-secret")).isTrue();
        assertThat(EffectiveConfigPrinter.isSecret("push.apns.private-key-file")).isTrue();
        assertThat(EffectiveConfigPrinter.isSecret("token.ttl")).isFalse();
        assertThat(EffectiveConfigPrinter.isSecret("push.apns.token-lifetime")).isFalse();
        assertThat(EffectiveConfigPrinter.isSecret("secret.store.dir")).isFalse();
    }

    @Test
    void showsOnlyKeysThatWereRead() {
        TrackedConfig config = TrackedConfig.of(Map.of("http.port", "8080", "tcp.port", "9200"));
        config.get("http.port");

        assertThat(EffectiveConfigPrinter.render(config)).contains("http.port=8080").doesNotContain("tcp.port");
    }

    @Test
    void everyKeyReadIsShownWithItsValueInForceAndWhereItCameFrom() {
        ConfigSources sources = new ConfigSources(Map.of("app.key", "from-builder", "data.dir", "/builder"),
                Map.of("data.dir", "/from-file"), Map.of("PARLEY_HTTP_PORT", "8080"), Map.of("tcp.port", "9300"));
        TrackedConfig root = TrackedConfig.of(sources);
        root.get("app.key", "parley-dev-key");
        root.get("data.dir", "./data");
        root.getInt("http.port", 9000);
        root.getInt("tcp.port", 9100);
        root.subset("protocol").getDuration("heartbeat", Duration.ofSeconds(30));
        root.getBoolean("metrics.enabled", true);
        root.get("tls.cert-file");

        assertThat(EffectiveConfigPrinter.entries(root)).containsExactly(
                new Entry("app.key", "from-builder", "builder"),
                new Entry("data.dir", "/from-file", "file"),
                new Entry("http.port", "8080", "environment PARLEY_HTTP_PORT"),
                new Entry("metrics.enabled", "true", "default"),
                new Entry("protocol.heartbeat", "30s", "default"),
                new Entry("tcp.port", "9300", "system property parley.tcp.port"),
                new Entry("tls.cert-file", "(not set)", "default"));
        // the log lists what was set first, then the defaults, one key a line with its source
        String rendered = EffectiveConfigPrinter.render(root);
        assertThat(rendered).containsSubsequence("app.key=from-builder", "(builder)", "tcp.port=9300",
                "(system property parley.tcp.port)", "metrics.enabled=true", "(default)", "tls.cert-file=(not set)");
        assertThat(rendered.lines().filter(line -> !line.isEmpty())).hasSize(7);
    }

    @Test
    void aPasswordInAUriIsMasked() {
        assertThat(EffectiveConfigPrinter.mask("cluster.redis.uri", "redis://:hunter2@redis.internal:6379/0"))
                .isEqualTo("redis://:****@redis.internal:6379/0");
        assertThat(EffectiveConfigPrinter.mask("cluster.redis.uri", "rediss://ops:hunter2@redis.internal:6379"))
                .isEqualTo("rediss://ops:****@redis.internal:6379");
        // a lone user info is Redis's password
        assertThat(EffectiveConfigPrinter.mask("cluster.redis.uri", "redis://hunter2@redis.internal"))
                .isEqualTo("redis://****@redis.internal");
        assertThat(EffectiveConfigPrinter.mask("cluster.redis.uri", "redis://redis.internal:6379"))
                .isEqualTo("redis://redis.internal:6379");
        assertThat(EffectiveConfigPrinter.mask("storage.postgres.url",
                "jdbc:postgresql://db/parley?user=parley&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/parley?user=parley&password=****&ssl=true");
        assertThat(EffectiveConfigPrinter.mask("routing.webhook.url", "https://app.example/hook?token=hunter2"))
                .isEqualTo("https://app.example/hook?token=****");
        assertThat(EffectiveConfigPrinter.mask("app.secret", "hunter2")).isEqualTo("****");

        TrackedConfig root = TrackedConfig.of(Map.of("cluster.redis.uri", "redis://:hunter2@redis.internal:6379"));
        root.subset("cluster").subset("redis").get("uri");
        assertThat(EffectiveConfigPrinter.render(root)).contains("cluster.redis.uri=redis://:****@redis.internal:6379")
                .doesNotContain("hunter2");
    }

    @Test
    void durationsAreShownInTheSyntaxOfConfigValues() {
        assertThat(TrackedConfig.format(Duration.ZERO)).isEqualTo("0");
        assertThat(TrackedConfig.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(TrackedConfig.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(TrackedConfig.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(TrackedConfig.format(Duration.ofNanos(250_000))).isEqualTo("250us");
    }
}
