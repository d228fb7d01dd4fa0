package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.SendAckBody;
import io.parley.protocol.body.SendBody;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A send retried with the same client message id, over the wire or the server API, is committed once. */
class SendIdempotencyTest {
    @TempDir
    Path dataDir;

    @Test
    void aRetriedSendGetsTheFirstAckAndWritesNothing() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir);
                RawConnection alice = new RawConnection(server.tcpPort())) {
            alice.send(Frame.of(Command.CONNECT, 1,
                    new ConnectBody(server.serverApi().token("alice"), "phone", "iOS", 0, "test")));
            assertThat(alice.readUntil(Command.CONNACK).body(ConnAckBody.class).code()).isZero();
            SendBody send = new SendBody("same-id", 1, "bob", "RC:TxtMsg", "{\"content\":\"hi\"}", null, null, null,
                    null);
            alice.send(Frame.of(Command.SEND, 2, send));
            SendAckBody first = alice.readUntil(Command.SEND_ACK).body(SendAckBody.class);
            alice.send(Frame.of(Command.SEND, 3, send));
            SendAckBody retry = alice.readUntil(Command.SEND_ACK).body(SendAckBody.class);

            assertThat(first.code()).isZero();
            assertThat(retry.code()).isZero();
            assertThat(retry.messageUid()).isEqualTo(first.messageUid());
            assertThat(retry.seq()).isEqualTo(first.seq()).isEqualTo(1);
            assertThat(retry.sentTime()).isEqualTo(first.sentTime());

            alice.send(Frame.of(Command.SYNC, 4, new SyncBody(0L, null, 100)));
            SyncResultBody page = alice.readUntil(Command.SYNC_RESULT).body(SyncResultBody.class);
            assertThat(page.inboxMessages()).hasSize(1);
            assertThat(page.finished()).isTrue();
        }
    }

    @Test
    void theServerApiDeduplicatesByMsgRandom() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir)) {
            ServerApiClient api = server.serverApi();
            String[] form = {"fromUserId", "system", "toUserId", "carol", "objectName", "RC:TxtMsg", "content",
                    "{\"content\":\"hello\"}", "msgRandom", "123456789"};
            ServerApiClient.Answer first = api.post("/message/private/publish.json", form);
            ServerApiClient.Answer retry = api.post("/message/private/publish.json", form);
            assertThat(first.code()).isEqualTo(200);
            assertThat(retry.body().at("/messageUIDs/0/messageUID").asText())
                    .isEqualTo(first.body().at("/messageUIDs/0/messageUID").asText()).isNotBlank();
        }
    }
}
