package io.parley.plugin.moderation.e2e;

import static io.parley.plugin.moderation.e2e.Clients.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.client.ImClient;
import io.parley.kernel.Parley;
import io.parley.kernel.ParleyServer;
import io.parley.testkit.MutableClock;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ban lifts by itself when its minutes run out: a server whose clock the test moves. */
class BanExpiryTest {
    @TempDir
    Path dir;

    @Test
    void aOneMinuteBanLiftsAfterAMinute() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        ParleyServer server = Parley.builder().isolated().clock(clock)
                .config(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1", "data.dir", dir.toString(),
                        "app.key", "expiry-key", "app.secret", "expiry-secret"))
                .build().start();
        try {
            ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + server.httpPort(), "expiry-key", "expiry-secret");
            String token = api.token("oscar");
            assertThat(api.post("/user/block.json", "userId", "oscar", "minute", "1").code()).isEqualTo(200);
            assertThat(connect(server, token, "d1")).isEqualTo(31009);

            clock.advance(Duration.ofSeconds(59));
            assertThat(connect(server, token, "d2")).isEqualTo(31009);
            assertThat(api.post("/user/block/query.json").body().path("users")).hasSize(1);

            clock.advance(Duration.ofSeconds(2));
            assertThat(connect(server, token, "d3")).isZero();
            assertThat(api.post("/user/block/query.json").body().path("users")).isEmpty();
        } finally {
            server.stop();
        }
    }

    private static int connect(ParleyServer server, String token, String deviceId) {
        try (ImClient client = ImClient.builder().address("127.0.0.1", server.tcpPort()).token(token)
                .deviceId(deviceId).platform("Android").build()) {
            return outcome(client.connect());
        }
    }
}
