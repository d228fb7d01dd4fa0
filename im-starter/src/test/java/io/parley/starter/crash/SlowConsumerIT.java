package io.parley.starter.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.SyncBody;
import io.parley.starter.e2e.RawConnection;
import io.parley.testkit.ServerApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe that once took the server from 816 MB to 5.7 GB: a client asks for SYNC pages of large messages and never
 * reads them. Against the server jar in its own process, its resident memory stays bounded, the client is closed,
 * and another client is served normally meanwhile.
 */
class SlowConsumerIT {
    private static final int SYNCS = 500;
    /** What the server's resident memory may grow by under the probe; unbounded, it grew by gigabytes. */
    private static final long MAX_GROWTH_BYTES = 300L * 1024 * 1024;

    @TempDir
    Path dir;
    ServerProcess server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aClientThatNeverReadsItsSyncPagesCannotGrowTheServer() throws Exception {
        // a fixed heap, so that what is measured is what the probe makes the server hold, not the heap's growth
        server = new ServerProcess(dir.resolve("data"), Map.of("PARLEY_PROTOCOL_SLOW_CONSUMER_TIMEOUT", "5s",
                "JAVA_TOOL_OPTIONS", "-Xms512m -Xmx512m", "PARLEY_MODERATION_RATE_CLIENT_PER_SECOND", "0"));
        assertThat(server.start()).as("the server starts: %s", server.output()).isTrue();
        ServerApiClient api = new ServerApiClient(server.baseUrl(), ServerProcess.APP_KEY, ServerProcess.APP_SECRET);
        String bulky = "x".repeat(100_000);
        for (int i = 0; i < 30; i++) {
            for (String to : new String[] {"hoarder", "healthy"}) {
                assertThat(api.post("/message/private/publish.json", "fromUserId", "feeder", "toUserId", to,
                        "objectName", "RC:TxtMsg", "content", "{\"content\":\"" + bulky + i + "\"}").code())
                        .isEqualTo(200);
            }
        }
        try (RawConnection healthy = new RawConnection(server.tcpPort(), "127.0.0.2", 0);
                RawConnection hoarder = new RawConnection(server.tcpPort(), "127.0.0.1", 4096)) {
            connect(healthy, api.token("healthy"));
            connect(hoarder, api.token("hoarder"));
            // the server as it serves a reader: the same pages, read whole; then the baseline
            for (int i = 0; i < 10; i++) {
                healthy.send(Frame.of(Command.SYNC, 2, new SyncBody(0L, null, 200)));
                healthy.readUntil(Command.SYNC_RESULT);
            }
            long before = server.residentBytes();

            for (int i = 0; i < SYNCS; i++) {
                hoarder.send(Frame.of(Command.SYNC, 100 + i, new SyncBody(0L, null, 200)));
            }
            for (int i = 0; i < 20; i++) {
                healthy.send(Frame.of(Command.SEND, 10 + i, new SendBody("m" + i, 1, "peer", "RC:TxtMsg",
                        "{\"content\":\"served\"}", null, null, null, null)));
                assertThat(healthy.readUntil(Command.SEND_ACK).body(SendAckBody.class).code()).isZero();
                assertThat(server.residentBytes() - before).isLessThan(MAX_GROWTH_BYTES);
            }
            assertThat(server.residentBytes() - before).as("resident memory growth under the probe")
                    .isLessThan(MAX_GROWTH_BYTES);
            // closed by the server while it reads nothing (reading would make it a reader, however slow)
            await().atMost(Duration.ofSeconds(120)).until(() -> slowConsumersClosed(server) == 1);
            assertThat(hoarder.closedByServer()).isTrue();
            long growth = server.residentBytes() - before;
            System.out.printf("SlowConsumerIT: resident memory grew by %d MiB under %d unread SYNCs%n",
                    growth >> 20, SYNCS);
            assertThat(growth).isLessThan(MAX_GROWTH_BYTES);
        }
    }

    private static double slowConsumersClosed(ServerProcess server) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = Pattern.compile("(?m)^im_connections_closed_slow_consumer_total (\\S+)").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static RawConnection connect(RawConnection connection, String token) throws Exception {
        connection.send(Frame.of(Command.CONNECT, 1, new ConnectBody(token, "device-" + token.hashCode(), "Android", 0,
                "test")));
        assertThat(connection.readUntil(Command.CONNACK).body(ConnAckBody.class).code()).isZero();
        return connection;
    }
}
