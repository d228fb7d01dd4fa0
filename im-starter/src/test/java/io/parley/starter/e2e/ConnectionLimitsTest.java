package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.StandardErrorCode;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.ErrorBody;
import io.parley.testkit.EmbeddedParley;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that never say who they are cannot hold the server's descriptors: CONNECT has a deadline, each port
 * caps its connections in total and per source address, and the HTTP port closes idle and trickling connections.
 * Each refusal is the documented one, and a client from another address is served throughout.
 */
class ConnectionLimitsTest {
    /** Linux routes all of 127.0.0.0/8 to the loopback: a second client address on the same machine. */
    private static final String OTHER_ADDRESS = "127.0.0.2";

    @TempDir
    Path dataDir;

    @Test
    void aConnectionThatNeverSendsConnectIsClosedAtItsDeadline() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "protocol.connect-timeout", "1s");
                RawConnection silent = new RawConnection(server.tcpPort());
                RawConnection halfFrame = new RawConnection(server.tcpPort())) {
            halfFrame.sendBytes(new byte[] {0, 0, 0, 40, 1}); // a length and a command, then nothing
            for (RawConnection connection : List.of(silent, halfFrame)) {
                ErrorBody error = connection.readUntil(Command.ERROR).body(ErrorBody.class);
                assertThat(error.code()).isEqualTo(StandardErrorCode.CONNECT_TIMEOUT.code());
                assertThat(error.fatal()).isTrue();
                assertThat(connection.closedByServer()).isTrue();
            }
            assertConnects(server, "127.0.0.1", "after-deadline");
        }
    }

    @Test
    void theTcpPortCapsConnectionsPerAddressAndInTotal() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "tcp.max-connections-per-address", "3",
                "tcp.max-connections", "5", "protocol.connect-timeout", "10m")) {
            List<RawConnection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(new RawConnection(server.tcpPort()));
                    awaitOpen(server, held.size());
                }
                try (RawConnection fourth = new RawConnection(server.tcpPort())) {
                    assertRefused(fourth);
                }
                // another address is still let in, up to the port's total
                assertConnects(server, OTHER_ADDRESS, "other-address");
                awaitOpen(server, 3);
                held.add(new RawConnection(server.tcpPort(), OTHER_ADDRESS, 0));
                awaitOpen(server, 4);
                held.add(new RawConnection(server.tcpPort(), OTHER_ADDRESS, 0));
                awaitOpen(server, 5);
                try (RawConnection sixth = new RawConnection(server.tcpPort(), "127.0.0.3", 0)) {
                    assertRefused(sixth);
                }
                // a closed connection frees its place
                held.remove(0).close();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> connects(server, "127.0.0.3", "freed-place"));
            } finally {
                for (RawConnection connection : held) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void theHttpPortCapsConnectionsPerAddress() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "http.max-connections-per-address", "2")) {
            try (Socket first = connectHttp(server, "127.0.0.1"); Socket second = connectHttp(server, "127.0.0.1")) {
                // answered once each, so both are surely counted before the third arrives
                assertThat(answersHealth(first)).isTrue();
                assertThat(answersHealth(second)).isTrue();
                Socket third = connectHttp(server, "127.0.0.1");
                String answer = readAll(third);
                assertThat(answer).startsWith("HTTP/1.1 503").contains("too many connections");
                assertThat(health(server, OTHER_ADDRESS)).isEqualTo(200);
                third.close();
            }
        }
    }

    /** Sends a keep-alive {@code GET /health} and reads its 200 answer, leaving the connection open. */
    private static boolean answersHealth(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.append((char) b);
        }
        int length = Integer.parseInt(head.toString().replaceAll("(?s).*[Cc]ontent-[Ll]ength: (\\d+).*", "$1"));
        in.readNBytes(length);
        return head.toString().startsWith("HTTP/1.1 200");
    }

    /** Waits until the server holds {@code count} client protocol connections (they are counted once admitted). */
    private static void awaitOpen(EmbeddedParley server, int count) {
        await().atMost(Duration.ofSeconds(30)).until(
                () -> server.server().meterRegistry().get("im.connections").gauge().value() == count);
    }

    @Test
    void anIdleHttpConnectionIsClosed() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "http.idle-timeout", "1s");
                Socket idle = connectHttp(server, "127.0.0.1")) {
            idle.setSoTimeout(30_000);
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aTricklingHttpRequestIsAnswered408AndClosed() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "http.request-timeout", "1s",
                "http.idle-timeout", "60s");
                Socket trickler = connectHttp(server, "127.0.0.1")) {
            byte[] header = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = trickler.getOutputStream();
            out.write(header);
            // a byte every 100 ms: never idle, never finished, as a slow-loris client sends
            ScheduledExecutorService slowClient = Executors.newSingleThreadScheduledExecutor();
            slowClient.scheduleAtFixedRate(() -> {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException closed) {
                    throw new IllegalStateException("the server closed the connection", closed);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            try {
                String answer = readAll(trickler);
                assertThat(answer).startsWith("HTTP/1.1 408");
            } finally {
                slowClient.shutdownNow();
            }
            assertThat(health(server, "127.0.0.1")).isEqualTo(200);
        }
    }

    private static void assertRefused(RawConnection connection) throws IOException {
        ErrorBody error = connection.readUntil(Command.ERROR).body(ErrorBody.class);
        assertThat(error.code()).isEqualTo(StandardErrorCode.TOO_MANY_CONNECTIONS.code());
        assertThat(connection.closedByServer()).isTrue();
    }

    private static void assertConnects(EmbeddedParley server, String from, String userId) throws IOException {
        assertThat(connects(server, from, userId)).isTrue();
    }

    private static boolean connects(EmbeddedParley server, String from, String userId) throws IOException {
        try (RawConnection client = new RawConnection(server.tcpPort(), from, 0)) {
            client.send(Frame.of(Command.CONNECT, 1,
                    new ConnectBody(server.serverApi().token(userId), "device", "iOS", 0, "test")));
            Frame answer = client.read();
            return answer.command() == Command.CONNACK && answer.body(ConnAckBody.class).code() == 0;
        }
    }

    private static Socket connectHttp(EmbeddedParley server, String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.httpPort()), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Everything the server writes until it closes the connection. */
    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection", e);
        }
    }

    private static int health(EmbeddedParley server, String from) throws IOException {
        try (Socket socket = connectHttp(server, from)) {
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(socket);
            return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }
}
