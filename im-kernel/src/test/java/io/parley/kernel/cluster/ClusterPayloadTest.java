package io.parley.kernel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.EventBody;
import io.parley.api.model.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterPayloadTest {

    @Test
    void everyKindSurvivesTheBytes() {
        Frame event = Frame.of(Command.EVENT, 0, new EventBody("chatroom.kicked", Map.of("roomId", "r1")));
        List<ClusterPayload> payloads = List.of(
                new ClusterPayload.FanOut(List.of("alice", "bob"), event, true),
                new ClusterPayload.Kick("alice", 31010, "kicked by the app server"),
                new ClusterPayload.ExpireTokens("bob", 1_700_000_000_000L),
                new ClusterPayload.Displace("carol", "carol-phone", Platform.ANDROID, 1_700_000_000_123L));

        for (ClusterPayload payload : payloads) {
            ClusterPayload back = ClusterPayload.decode(ClusterPayload.encode(payload));
            if (payload instanceof ClusterPayload.FanOut fanOut) {
                ClusterPayload.FanOut decoded = (ClusterPayload.FanOut) back;
                assertThat(decoded.userIds()).isEqualTo(fanOut.userIds());
                assertThat(decoded.droppable()).isTrue();
                assertThat(decoded.frame().command()).isEqualTo(Command.EVENT);
                assertThat(((EventBody) decoded.frame().body()).name()).isEqualTo("chatroom.kicked");
                assertThat(((EventBody) decoded.frame().body()).body()).isEqualTo(Map.of("roomId", "r1"));
            } else {
                assertThat(back).isEqualTo(payload);
            }
        }
    }

    @Test
    void aPluginTopicPayloadKeepsItsOriginTopicAndBytes() {
        byte[] body = {0, 1, 2, (byte) 0xff};

        ClusterPayload back = ClusterPayload.decode(ClusterPayload.encode(
                new ClusterPayload.Topic("node-a", "chatroom", body)));

        ClusterPayload.Topic topic = (ClusterPayload.Topic) back;
        assertThat(topic.origin()).isEqualTo("node-a");
        assertThat(topic.topic()).isEqualTo("chatroom");
        assertThat(topic.body()).containsExactly(body);
    }

    @Test
    void bytesFromAnotherVersionOrCutShortAreRefusedClearly() {
        byte[] kick = ClusterPayload.encode(new ClusterPayload.Kick("alice", 1, "x"));
        byte[] otherVersion = kick.clone();
        otherVersion[0] = 9;
        byte[] cut = java.util.Arrays.copyOf(kick, 4);

        assertThatThrownBy(() -> ClusterPayload.decode(otherVersion)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run one Parley version across the cluster");
        assertThatThrownBy(() -> ClusterPayload.decode(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }
}
