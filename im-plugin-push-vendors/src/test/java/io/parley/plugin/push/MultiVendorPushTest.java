package io.parley.plugin.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.client.SendResult;
import io.parley.plugin.push.http.VendorHttp;
import io.parley.plugin.push.vendor.TestKeys;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.push.ApnsFake;
import io.parley.testkit.push.FcmFake;
import io.parley.testkit.push.ReceivedPush;
import io.parley.testkit.push.XiaomiFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three adapters on at once, configured only through config keys and files as an operator would: each device
 * gets its notification through its own vendor, APNs over HTTP/2 and TLS to the sandbox host.
 */
class MultiVendorPushTest {
    @TempDir
    Path dir;

    @Test
    void eachDeviceIsNotifiedThroughItsOwnVendor() throws Exception {
        KeyPair apnsKey = TestKeys.p256();
        KeyPair fcmKey = TestKeys.rsa();
        try (ApnsFake apns = new ApnsFake("TEAM123456", "KEY1234567", apnsKey.getPublic());
                FcmFake fcm = new FcmFake("demo-project", "push@demo.iam.gserviceaccount.com", fcmKey.getPublic());
                XiaomiFake xiaomi = new XiaomiFake("mi-secret")) {
            Path p8 = Files.writeString(dir.resolve("AuthKey.p8"), TestKeys.pem(apnsKey));
            Path trusted = Files.writeString(dir.resolve("apns-fake.pem"), apns.certificatePem());
            Path account = Files.writeString(dir.resolve("fcm.json"), VendorHttp.json(Map.of(
                    "type", "service_account", "project_id", "demo-project", "private_key_id", "k1",
                    "private_key", TestKeys.pem(fcmKey), "client_email", "push@demo.iam.gserviceaccount.com",
                    "token_uri", fcm.tokenUri())));
            try (EmbeddedParley server = EmbeddedParley.start(dir.resolve("data"), "push.vendors", "apns,fcm,xiaomi",
                    "push.apns.team-id", "TEAM123456", "push.apns.key-id", "KEY1234567",
                    "push.apns.private-key-file", p8.toString(), "push.apns.endpoint", "https://127.0.0.1:1",
                    "push.apns.sandbox-endpoint", apns.baseUrl(), "push.apns.trusted-certificate-file", trusted.toString(),
                    "push.fcm.service-account-file", account.toString(), "push.fcm.endpoint", fcm.baseUrl(),
                    "push.xiaomi.app-secret", "mi-secret", "push.xiaomi.endpoint", xiaomi.baseUrl())) {
                register(server, "bob", Map.of("vendor", "apns", "token", "a1b2c3d4", "appId", "com.example.ios",
                        "sandbox", true));
                register(server, "bob", Map.of("vendor", "fcm", "token", "fcm-bob", "appId", "com.example.android"));
                register(server, "carol", Map.of("vendor", "xiaomi", "token", "mi-carol", "appId", "com.example.android"));
                ImClient alice = server.client("alice", "alice-phone", "Android").build();
                alice.connect().join();

                SendResult toBob = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"hi bob\"}").join();
                alice.sendPrivate("carol", "RC:TxtMsg", "{\"content\":\"hi carol\"}").join();

                await().atMost(Duration.ofSeconds(20)).until(() -> apns.pushes().size() == 1 && fcm.pushes().size() == 1
                        && xiaomi.pushes().size() == 1);
                ReceivedPush viaApns = apns.pushes().get(0);
                assertThat(viaApns.token()).isEqualTo("a1b2c3d4");
                assertThat(viaApns.appId()).isEqualTo("com.example.ios");
                assertThat(viaApns.title()).isEqualTo("alice");
                assertThat(viaApns.body()).isEqualTo("hi bob");
                assertThat(viaApns.badge()).isEqualTo(1);
                assertThat(viaApns.data()).containsEntry("messageUid", toBob.messageUid());
                assertThat(fcm.pushes().get(0).token()).isEqualTo("fcm-bob");
                assertThat(fcm.pushes().get(0).badge()).isEqualTo(1);
                assertThat(xiaomi.pushes().get(0).body()).isEqualTo("hi carol");
                assertThat(apns.violations()).isEmpty();
                assertThat(fcm.violations()).isEmpty();
                assertThat(fcm.authCalls()).isEqualTo(1);
                alice.close();
            }
        }
    }

    private static void register(EmbeddedParley server, String userId, Map<String, Object> token) {
        ImClient client = server.client(userId, userId + "-" + token.get("vendor"), "iOS").build();
        client.connect().join();
        assertThat(client.command("push.register", token).join()).containsEntry("registered", true);
        client.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> server.serverApi()
                .post("/user/checkOnline.json", "userId", userId).body().path("status").asText().equals("0"));
    }
}
