package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ConnectionStatus;
import io.parley.testkit.EmbeddedParley;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multi-device policy, as checkOnline and the devices themselves see it. */
class MultiDeviceTest {
    @TempDir
    Path dataDir;

    @Test
    void onePerPlatformKicksTheOlderDeviceOfTheSamePlatform() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir);
                Device oldPhone = Device.connect(server, "erin", "old-phone", "iOS");
                Device desktop = Device.connect(server, "erin", "desktop", "PC")) {
            Device newPhone = Device.connect(server, "erin", "new-phone", "iOS");
            try (newPhone) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> oldPhone.client.status() == ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
                assertThat(desktop.client.status()).isEqualTo(ConnectionStatus.CONNECTED);
                assertThat(server.server().sessions().devices("erin")).extracting(device -> device.deviceId())
                        .containsExactlyInAnyOrder("desktop", "new-phone");
                assertThat(server.serverApi().post("/user/checkOnline.json", "userId", "erin").body()
                        .path("status").asText()).isEqualTo("1");

                server.serverApi().post("/message/private/publish.json", "fromUserId", "frank", "toUserId", "erin",
                        "objectName", "RC:TxtMsg", "content", "{\"content\":\"to both\"}");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> desktop.received.size() == 1 && newPhone.received.size() == 1);
            }
            desktop.client.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.serverApi()
                    .post("/user/checkOnline.json", "userId", "erin").body().path("status").asText().equals("0"));
        }
    }

    @Test
    void unlimitedKeepsEveryDevice() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "session.multi-device", "unlimited");
                Device first = Device.connect(server, "gus", "phone-1", "Android");
                Device second = Device.connect(server, "gus", "phone-2", "Android")) {
            assertThat(server.server().sessions().devices("gus")).hasSize(2);
            assertThat(first.client.status()).isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(second.client.status()).isEqualTo(ConnectionStatus.CONNECTED);
        }
    }
}
