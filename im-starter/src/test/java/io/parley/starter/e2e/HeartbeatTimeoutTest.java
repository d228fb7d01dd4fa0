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
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device that stops talking is dropped after three heartbeats, with an ERROR saying why. */
class HeartbeatTimeoutTest {
    @TempDir
    Path dataDir;

    @Test
    void aSilentConnectionIsClosedAfterThreeHeartbeats() throws Exception {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "protocol.heartbeat", "1s");
                RawConnection silent = new RawConnection(server.tcpPort())) {
            silent.send(Frame.of(Command.CONNECT, 1,
                    new ConnectBody(server.serverApi().token("quiet"), "d", "iOS", 0, "test")));
            ConnAckBody ack = silent.readUntil(Command.CONNACK).body(ConnAckBody.class);
            assertThat(ack.heartbeatSeconds()).isEqualTo(1);
            ErrorBody error = silent.readUntil(Command.ERROR).body(ErrorBody.class);
            assertThat(error.code()).isEqualTo(StandardErrorCode.HEARTBEAT_TIMEOUT.code());
            assertThat(error.fatal()).isTrue();
            assertThat(silent.closedByServer()).isTrue();
            // the server forgets the session when the channel goes inactive, just after the socket closes
            await().atMost(Duration.ofSeconds(5)).until(() -> !server.server().sessions().isOnline("quiet"));
        }
    }
}
