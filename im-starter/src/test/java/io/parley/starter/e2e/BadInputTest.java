package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.error.StandardErrorCode;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.EmptyBody;
import io.parley.protocol.body.ErrorBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets its documented error, the offending connection alone is closed, and a healthy connection
 * opened before the abuse keeps being served throughout.
 */
class BadInputTest {
    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static ServerApiClient api;
    static RawConnection healthy;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedParley.start(dataDir);
        api = server.serverApi();
        healthy = new RawConnection(server.tcpPort());
        healthy.send(connect(api.token("healthy"), "healthy-device"));
        assertThat(healthy.readUntil(Command.CONNACK).body(ConnAckBody.class).code()).isZero();
    }

    @AfterAll
    static void stop() throws IOException {
        healthy.close();
        server.stop();
    }

    @AfterEach
    void healthyConnectionStillServed() throws Exception {
        healthy.send(Frame.of(Command.PING, 77, EmptyBody.INSTANCE));
        Frame pong = healthy.readUntil(Command.PONG);
        assertThat(pong.requestId()).isEqualTo(77);
        healthy.send(Frame.of(Command.SEND, 78, new SendBody("still-" + System.nanoTime(), 1, "peer", "RC:TxtMsg",
                "{\"content\":\"ok\"}", null, null, null, null)));
        assertThat(healthy.readUntil(Command.SEND_ACK).body(SendAckBody.class).code()).isZero();
    }

    static Frame connect(String token, String deviceId) {
        return Frame.of(Command.CONNECT, 1, new ConnectBody(token, deviceId, "Android", 0, "test"));
    }

    private static ErrorBody expectFatalError(RawConnection connection) throws IOException {
        Frame frame = connection.readUntil(Command.ERROR);
        ErrorBody error = frame.body(ErrorBody.class);
        assertThat(error.fatal()).isTrue();
        assertThat(connection.closedByServer()).isTrue();
        return error;
    }

    @Test
    void garbageBytesGetAnErrorAndTheConnectionIsClosed() throws Exception {
        try (RawConnection connection = new RawConnection(server.tcpPort())) {
            byte[] garbage = new byte[64];
            new Random(42).nextBytes(garbage);
            connection.sendBytes(garbage);
            ErrorBody error = expectFatalError(connection);
            assertThat(error.code()).isIn(StandardErrorCode.MALFORMED_FRAME.code(),
                    StandardErrorCode.FRAME_TOO_LARGE.code(), StandardErrorCode.CONNECT_PROTOCOL_VERSION.code(),
                    StandardErrorCode.UNKNOWN_COMMAND.code());
        }
    }

    @Test
    void aValidHeaderWithAGarbageBodyIsAMalformedFrame() throws Exception {
        try (RawConnection connection = new RawConnection(server.tcpPort())) {
            ByteBuffer frame = ByteBuffer.allocate(4 + 7 + 3);
            frame.putInt(7 + 3).put((byte) 1).put((byte) Command.CONNECT.code()).put((byte) 0).putInt(1);
            frame.put(new byte[] {(byte) 0xff, (byte) 0x13, (byte) 0x99});
            connection.sendBytes(frame.array());
            assertThat(expectFatalError(connection).code()).isEqualTo(StandardErrorCode.MALFORMED_FRAME.code());
        }
    }

    @Test
    void anOversizedFrameIsRefusedFromItsLengthField() throws Exception {
        try (RawConnection connection = new RawConnection(server.tcpPort())) {
            connection.sendBytes(ByteBuffer.allocate(4).putInt(50 * 1024 * 1024).array());
            ErrorBody error = expectFatalError(connection);
            assertThat(error.code()).isEqualTo(StandardErrorCode.FRAME_TOO_LARGE.code());
            assertThat(error.message()).contains("exceeds");
        }
    }

    @Test
    void aFrameBeforeConnectIsRefused() throws Exception {
        try (RawConnection connection = new RawConnection(server.tcpPort())) {
            connection.send(Frame.of(Command.SEND, 5, new SendBody("x", 1, "someone", "RC:TxtMsg", "{}", null, null,
                    null, null)));
            ErrorBody error = expectFatalError(connection);
            assertThat(error.code()).isEqualTo(StandardErrorCode.NOT_CONNECTED.code());
        }
    }

    @Test
    void aBadTokenIsRefusedWithTokenInvalid() throws Exception {
        try (RawConnection connection = new RawConnection(server.tcpPort())) {
            connection.send(connect("not-a-token", "d1"));
            ConnAckBody ack = connection.readUntil(Command.CONNACK).body(ConnAckBody.class);
            assertThat(ack.code()).isEqualTo(StandardErrorCode.TOKEN_INVALID.code());
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        String forged = new io.parley.kernel.auth.TokenService("other-secret", java.time.Clock.systemUTC(),
                java.time.Duration.ZERO, null).issue("mallory");
        try (RawConnection connection = new RawConnection(server.tcpPort())) {
            connection.send(connect(forged, "d1"));
            assertThat(connection.readUntil(Command.CONNACK).body(ConnAckBody.class).code())
                    .isEqualTo(StandardErrorCode.TOKEN_INVALID.code());
        }
    }

    @Test
    void anExpiredTokenIsRefusedWithTokenExpired() throws Exception {
        String token = api.token("expiring");
        ServerApiClient.Answer expired = api.post("/user/token/expire.json", "userId", "expiring", "time",
                String.valueOf(System.currentTimeMillis() + 1000));
        assertThat(expired.code()).isEqualTo(200);
        try (RawConnection connection = new RawConnection(server.tcpPort())) {
            connection.send(connect(token, "d1"));
            ConnAckBody ack = connection.readUntil(Command.CONNACK).body(ConnAckBody.class);
            assertThat(ack.code()).isEqualTo(StandardErrorCode.TOKEN_EXPIRED.code());
        }
    }

    @Test
    void aWrongServerApiSignatureGets401And1004() throws Exception {
        ServerApiClient.Answer answer = api.postSigned("/user/getToken.json", "userId=u1", "wrong-secret");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo(1004);
        assertThat(answer.body().path("errorMessage").asText()).isNotBlank();
    }

    @Test
    void aMissingParameterGets1002NamingIt() throws Exception {
        ServerApiClient.Answer answer = api.post("/message/private/publish.json", "fromUserId", "a",
                "objectName", "RC:TxtMsg", "content", "{\"content\":\"x\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(1002);
        assertThat(answer.body().path("errorMessage").asText()).contains("toUserId");
    }

    @Test
    void anOversizedServerApiBodyGets413And1508() throws Exception {
        ServerApiClient.Answer answer = api.post("/user/refresh.json", "userId", "big", "name",
                "x".repeat(600 * 1024));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo(1508);
    }

    @Test
    void anUnknownEndpointGets404WithAJsonBody() throws Exception {
        ServerApiClient.Answer answer = api.post("/no/such.json", "a", "b");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("errorMessage").asText()).contains("/no/such.json");
    }
}
