package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConnectBody;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.TestCertificates;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code tls.cert-file} and {@code tls.key-file} both ports speak TLS: the Java SDK chats over it, the server API
 * answers over HTTPS, a plain-text client is not served, and a renewed certificate is served to new connections
 * without a restart while connections already open carry on.
 */
class TlsTest {
    @TempDir
    Path dir;

    @Test
    void bothPortsSpeakTlsAndARenewedCertificateIsServedWithoutARestart() throws Exception {
        TestCertificates.Pair first = TestCertificates.localhost(dir, "first");
        TestCertificates.Pair renewed = TestCertificates.localhost(dir, "renewed");
        Path certFile = dir.resolve("server.crt");
        Path keyFile = dir.resolve("server.key");
        Files.copy(first.certFile(), certFile);
        Files.copy(first.keyFile(), keyFile);
        try (EmbeddedParley server = EmbeddedParley.start(dir.resolve("data"), "tls.cert-file", certFile.toString(),
                "tls.key-file", keyFile.toString(), "tls.reload-interval", "100ms");
                Device alice = Device.connect(server, "alice", "alice-phone", "iOS");
                Device bob = Device.connect(server, "bob", "bob-phone", "Android")) {
            alice.client.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"over TLS\"}").join();
            await().atMost(Duration.ofSeconds(30)).until(() -> bob.received.size() == 1);
            assertThat(bob.received.get(0).content()).contains("over TLS");

            HttpResponse<String> health = server.httpClient().send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(server.baseUrl()).startsWith("https://");

            try (RawConnection plain = new RawConnection(server.tcpPort())) {
                plain.send(Frame.of(Command.CONNECT, 1, new ConnectBody("whatever", "d", "iOS", 0, "test")));
                assertThat(plain.closedByServer()).as("a plain-text client is not served").isTrue();
            }

            assertThat(handshakes(server, first.certFile())).isTrue();
            Files.copy(renewed.keyFile(), keyFile, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.certFile(), certFile, StandardCopyOption.REPLACE_EXISTING);
            await().atMost(Duration.ofSeconds(30)).until(() -> handshakes(server, renewed.certFile()));
            assertThat(handshakes(server, first.certFile())).as("the old certificate is no longer served").isFalse();

            // the connections opened with the first certificate carry on
            alice.client.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"after the renewal\"}").join();
            await().atMost(Duration.ofSeconds(30)).until(() -> bob.received.size() == 2);
        }
    }

    /** Whether a TLS handshake with the TCP port succeeds when trusting {@code certFile} alone. */
    private static boolean handshakes(EmbeddedParley server, Path certFile) {
        try (SSLSocket socket = (SSLSocket) TestCertificates.trusting(certFile).getSocketFactory()
                .createSocket("localhost", server.tcpPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
