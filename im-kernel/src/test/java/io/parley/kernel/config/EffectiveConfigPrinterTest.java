package io.parley.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;

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
    void showsOnlyKeysThatWereRead() {
        TrackedConfig config = TrackedConfig.of(Map.of("http.port", "8080", "tcp.port", "9200"));
        config.get("http.port");

        assertThat(EffectiveConfigPrinter.render(config)).contains("http.port=8080").doesNotContain("tcp.port");
    }
}
