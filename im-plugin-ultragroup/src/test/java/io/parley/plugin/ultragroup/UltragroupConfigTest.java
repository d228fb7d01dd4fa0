package io.parley.plugin.ultragroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits and the history-before-join rule are configurable. */
class UltragroupConfigTest {
    @TempDir
    Path dataDir;

    @Test
    void limitsAndHistoryBeforeJoiningFollowTheConfig() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "ultragroup.max-groups-per-user", "2",
                "ultragroup.max-channels-per-group", "2", "ultragroup.history-before-join", "true")) {
            ServerApiClient api = server.serverApi();
            assertThat(api.post("/ultragroup/create.json", "groupId", "a", "userId", "zed").code()).isEqualTo(200);
            assertThat(api.post("/ultragroup/create.json", "groupId", "b", "userId", "zed").code()).isEqualTo(200);
            assertThat(api.post("/ultragroup/create.json", "groupId", "c", "userId", "yul").code()).isEqualTo(200);
            assertThat(api.post("/ultragroup/join.json", "groupId", "c", "userId", "zed").code())
                    .isEqualTo(UltragroupErrorCode.TOO_MANY_GROUPS.code());
            assertThat(api.post("/ultragroup/channel/create.json", "groupId", "a", "busChannel", "one").code())
                    .isEqualTo(200);
            assertThat(api.post("/ultragroup/channel/create.json", "groupId", "a", "busChannel", "two").code())
                    .isEqualTo(UltragroupErrorCode.TOO_MANY_CHANNELS.code());

            try (Device yul = Device.connect(server, "yul")) {
                yul.send("c", "before xan joined");
            }
            assertThat(api.post("/ultragroup/join.json", "groupId", "c", "userId", "xan").code()).isEqualTo(200);
            try (Device xan = Device.connect(server, "xan")) {
                assertThat(xan.history("c")).extracting(m -> m.get("content"))
                        .containsExactly("{\"content\":\"before xan joined\"}");
                assertThat(xan.channel("c", "c")).containsEntry("unreadCount", 1);
            }
        }
    }
}
