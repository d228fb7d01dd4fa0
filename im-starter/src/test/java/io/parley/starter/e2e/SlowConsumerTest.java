package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that asks for SYNC pages and never reads them cannot grow the server: its answers are built only while
 * its outbound buffer is under the high-water mark, the server stops reading it while it is over, and once over for
 * {@code protocol.slow-consumer-timeout} it is closed. Another client is served normally throughout.
 */
class SlowConsumerTest {
    private static final int SYNCS = 200;
    private static final Pattern SYNC_RESULTS = Pattern.compile("im_frames_out_total\\{command=\"SYNC_RESULT\",?\\} (\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void aClientThatNeverReadsIsBoundedAndClosedWhileOthersAreServed() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "protocol.slow-consumer-timeout", "2s")) {
            ServerApiClient api = server.serverApi();
            String bulky = "x".repeat(100_000);
            for (int i = 0; i < 30; i++) {
                assertThat(api.post("/message/private/publish.json", "fromUserId", "feeder", "toUserId", "hoarder",
                        "objectName", "RC:TxtMsg", "content", "{\"content\":\"" + bulky + i + "\"}").code())
                        .isEqualTo(200);
            }
            try (RawConnection healthy = new RawConnection(server.tcpPort(), "127.0.0.2", 0);
                    RawConnection hoarder = new RawConnection(server.tcpPort(), "127.0.0.1", 4096)) {
                healthy.send(connect(api.token("healthy"), "healthy-device"));
                assertThat(healthy.readUntil(Command.CONNACK).body(ConnAckBody.class).code()).isZero();
                healthy.send(Frame.of(Command.SYNC, 1, new SyncBody(0L, null, 200)));
                hoarder.send(connect(api.token("hoarder"), "hoarder-device"));
                assertThat(hoarder.readUntil(Command.CONNACK).body(ConnAckBody.class).code()).isZero();
                for (int i = 0; i < SYNCS; i++) {
                    hoarder.send(Frame.of(Command.SYNC, 100 + i, new SyncBody(0L, null, 200)));
                }
                assertThat(healthy.readUntil(Command.SYNC_RESULT).body(SyncResultBody.class).finished()).isTrue();

                // while the hoarder reads nothing, the healthy client keeps being served
                healthy.send(Frame.of(Command.PING, 2, EmptyBody.INSTANCE));
                assertThat(healthy.readUntil(Command.PONG).requestId()).isEqualTo(2);
                healthy.send(Frame.of(Command.SEND, 3, new SendBody("served", 1, "peer", "RC:TxtMsg",
                        "{\"content\":\"still served\"}", null, null, null, null)));
                assertThat(healthy.readUntil(Command.SEND_ACK).body(SendAckBody.class).code()).isZero();

                await().atMost(Duration.ofSeconds(60)).until(() -> !server.server().sessions().isOnline("hoarder"));
                // the hoarder got only the answers its buffers took, not one per SYNC
                assertThat(syncResultsWritten(server)).isLessThan(SYNCS / 5);
                assertThat(hoarder.closedByServer()).isTrue();
            }
        }
    }

    private static Frame connect(String token, String deviceId) {
        return Frame.of(Command.CONNECT, 1, new ConnectBody(token, deviceId, "Android", 0, "test"));
    }

    private static double syncResultsWritten(EmbeddedParley server) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher matcher = SYNC_RESULTS.matcher(metrics.body());
        assertThat(matcher.find()).as("SYNC_RESULT counter in /metrics").isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
