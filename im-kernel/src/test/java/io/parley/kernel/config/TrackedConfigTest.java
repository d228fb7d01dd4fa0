package io.parley.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackedConfigTest {

    @Test
    void subsetReadsStrippedKeyAndMarksFullKeyUsed() {
        TrackedConfig root = TrackedConfig.of(Map.of("storage.embedded.dir", "/var/parley", "http.port", "8080"));

        TrackedConfig embedded = root.subset("storage").subset("embedded");

        assertThat(embedded.get("dir")).contains("/var/parley");
        assertThat(embedded.keys()).containsExactly("dir");
        assertThat(root.usedKeys()).containsExactly("storage.embedded.dir");
        assertThat(root.unusedKeys()).containsExactly("http.port");
    }
}
