package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.DeliverBody;
import io.parley.testkit.EmbeddedParley;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same protocol over WebSocket: JSON text frames for browsers, binary frames for everyone else. */
class WebSocketTransportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    EmbeddedParley server;

    @BeforeEach
    void start() {
        server = EmbeddedParley.start(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Collects whole messages, text or binary. */
    static final class Collector implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<Frame> binaries = new CopyOnWriteArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                texts.add(text.toString());
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
            joined.put(binary).put(data).flip();
            binary = joined;
            if (last) {
                binaries.add(FrameCodec.decodeWhole(Unpooled.wrappedBuffer(binary), 1 << 20));
                binary = ByteBuffer.allocate(0);
            }
            socket.request(1);
            return null;
        }

        JsonNode text(String type) {
            return texts.stream().map(WebSocketTransportTest::parse).filter(node -> node.path("type").asText().equals(type))
                    .findFirst().orElse(null);
        }
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private WebSocket open(Collector collector) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/websocket"), collector).join();
    }

    /** A browser's CONNECT, with request id 1. */
    private static String connectText(String token) {
        return "{\"type\":\"CONNECT\",\"requestId\":1,\"body\":{\"token\":\"" + token
                + "\",\"deviceId\":\"browser\",\"platform\":\"Web\",\"inboxCursor\":0}}";
    }

    @Test
    void aBrowserSpeaksJsonTextFrames() {
        String aliceToken = server.serverApi().token("alice");
        String bobToken = server.serverApi().token("bob");
        Collector alice = new Collector();
        Collector bob = new Collector();
        WebSocket aliceSocket = open(alice);
        WebSocket bobSocket = open(bob);
        aliceSocket.sendText(connectText(aliceToken), true).join();
        bobSocket.sendText(connectText(bobToken), true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.text("CONNACK") != null && bob.text("CONNACK") != null);
        assertThat(alice.text("CONNACK").at("/body/code").asInt()).isZero();
        assertThat(alice.text("CONNACK").at("/body/userId").asText()).isEqualTo("alice");

        aliceSocket.sendText("{\"type\":\"SEND\",\"requestId\":2,\"body\":{\"clientMsgId\":\"c1\",\"conversationType\":1,"
                + "\"targetId\":\"bob\",\"objectName\":\"RC:TxtMsg\",\"content\":\"{\\\"content\\\":\\\"hi bob\\\"}\"}}", true)
                .join();
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.text("SEND_ACK") != null && bob.text("DELIVER") != null);
        JsonNode ack = alice.text("SEND_ACK");
        assertThat(ack.path("requestId").asInt()).isEqualTo(2);
        assertThat(ack.at("/body/code").asInt()).isZero();
        assertThat(ack.at("/body/seq").asLong()).isEqualTo(1);
        JsonNode deliver = bob.text("DELIVER");
        assertThat(deliver.at("/body/message/fromUserId").asText()).isEqualTo("alice");
        assertThat(deliver.at("/body/message/content").asText()).isEqualTo("{\"content\":\"hi bob\"}");
        assertThat(deliver.at("/body/message/inboxSeq").asLong()).isEqualTo(1);
        aliceSocket.abort();
        bobSocket.abort();
    }

    @Test
    void malformedJsonGetsAnErrorFrameAndOnlyThatSocketCloses() {
        Collector bad = new Collector();
        WebSocket badSocket = open(bad);
        badSocket.sendText("{not json", true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> bad.text("ERROR") != null);
        assertThat(bad.text("ERROR").at("/body/code").asInt()).isEqualTo(33001);
        assertThat(bad.text("ERROR").at("/body/fatal").asBoolean()).isTrue();
        assertThat(server.serverApi().post("/user/checkOnline.json", "userId", "nobody").code()).isEqualTo(200);
    }

    /**
     * A request id past int32 must not wrap: 4294967298 would become 2, and the SEND_ACK would answer another
     * request 2 of the same client. It is a malformed frame, as a body of the wrong shape is.
     */
    @Test
    void aJsonRequestIdOutsideInt32IsMalformedNotWrapped() {
        Collector alice = new Collector();
        WebSocket socket = open(alice);
        socket.sendText(connectText(server.serverApi().token("alice")), true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.text("CONNACK") != null);

        socket.sendText("{\"type\":\"SEND\",\"requestId\":4294967298,\"body\":{\"clientMsgId\":\"c1\","
                + "\"conversationType\":1,\"targetId\":\"bob\",\"objectName\":\"RC:TxtMsg\",\"content\":\"hi\"}}", true)
                .join();

        await().atMost(Duration.ofSeconds(10)).until(() -> alice.text("ERROR") != null);
        JsonNode error = alice.text("ERROR");
        assertThat(error.at("/body/code").asInt()).isEqualTo(33001);
        assertThat(error.at("/body/fatal").asBoolean()).isTrue();
        assertThat(error.at("/body/message").asText()).contains("requestId");
        assertThat(error.path("requestId").asInt()).isZero();
        assertThat(alice.text("SEND_ACK")).isNull();
    }

    @Test
    void binaryMessagesCarryTheSameFramesAsTcp() {
        Collector collector = new Collector();
        WebSocket socket = open(collector);
        ByteBuf buffer = Unpooled.buffer();
        FrameCodec.encode(Frame.of(Command.CONNECT, 9,
                new ConnectBody(server.serverApi().token("carol"), "app", "Android", 0, "test")), buffer);
        socket.sendBinary(buffer.nioBuffer(), true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> !collector.binaries.isEmpty());
        Frame connack = collector.binaries.get(0);
        assertThat(connack.command()).isEqualTo(Command.CONNACK);
        assertThat(connack.requestId()).isEqualTo(9);
        assertThat(connack.body(ConnAckBody.class).code()).isZero();

        server.serverApi().post("/message/private/publish.json", "fromUserId", "dave", "toUserId", "carol",
                "objectName", "RC:TxtMsg", "content", "{\"content\":\"over binary\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.binaries.size() >= 2);
        assertThat(collector.binaries.get(1).body(DeliverBody.class).message().content()).contains("over binary");
        socket.abort();
    }
}
