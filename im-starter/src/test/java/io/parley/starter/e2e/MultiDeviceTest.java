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
    void byDefaultWebTabsStayTogetherWhileASecondAndroidPhoneKicksTheFirst() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir);
                Device tab1 = Device.connect(server, "hal", "tab-1", "Web");
                Device tab2 = Device.connect(server, "hal", "tab-2", "Web");
                Device tab3 = Device.connect(server, "hal", "tab-3", "Web");
                Device oldPhone = Device.connect(server, "hal", "old-phone", "Android");
                Device newPhone = Device.connect(server, "hal", "new-phone", "Android")) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> oldPhone.client.status() == ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
            for (Device device : new Device[] {tab1, tab2, tab3, newPhone}) {
                assertThat(device.client.status()).as(device.deviceId).isEqualTo(ConnectionStatus.CONNECTED);
            }
            assertThat(server.server().sessions().devices("hal")).extracting(device -> device.deviceId())
                    .containsExactlyInAnyOrder("tab-1", "tab-2", "tab-3", "new-phone");
        }
    }

    @Test
    void eachKindOfPlatformHasItsOwnSetting() {
        try (EmbeddedParley server = EmbeddedParley.start(dataDir, "session.multi-device.web", "one-per-platform",
                "session.multi-device.mobile", "unlimited");
                Device oldTab = Device.connect(server, "ivy", "tab-1", "Web");
                Device phone1 = Device.connect(server, "ivy", "phone-1", "Android");
                Device phone2 = Device.connect(server, "ivy", "phone-2", "Android");
                Device newTab = Device.connect(server, "ivy", "tab-2", "Web")) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> oldTab.client.status() == ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
            assertThat(server.server().sessions().devices("ivy")).extracting(device -> device.deviceId())
                    .containsExactlyInAnyOrder("phone-1", "phone-2", "tab-2");
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
