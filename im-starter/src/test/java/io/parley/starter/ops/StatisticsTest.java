package io.parley.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.parley.api.model.ConversationType;
import io.parley.client.SendResult;
import io.parley.starter.support.Devices;
import io.parley.starter.support.Devices.Device;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics on a real server (real sockets, the embedded storage in a temp folder, the real client SDK): what
 * devices and the server API do shows in {@code /statistics/query.json} once flushed, by the hour and by the day, and
 * is still there after a restart, which adds to it rather than starting again.
 */
class StatisticsTest {
    private static final String TEXT = "RC:TxtMsg";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    final long started = System.currentTimeMillis();
    EmbeddedParley server;
    final List<Device> devices = new ArrayList<>();

    @AfterEach
    void stop() {
        devices.forEach(Device::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void whatDevicesAndTheServerApiDoIsCountedByTheHourAndTheDayAndSurvivesARestart() {
        server = EmbeddedParley.start(dataDir, "statistics.flush-interval", "200ms", "message.max-content-bytes", "1000",
                "group.notifications", "false");
        ServerApiClient api = server.serverApi();
        Device alicePhone = connect("alice", "alice-phone", "Android");
        Device aliceDesk = connect("alice", "alice-desk", "PC");
        Device bob = connect("bob", "bob-phone", "iOS");

        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(alicePhone.client().sendPrivate("bob", TEXT, Devices.text("hello " + i)).join());
        }
        bob.client().sendPrivate("alice", "RC:ImgMsg", "{\"content\":\"\",\"imageUri\":\"https://example.com/a.png\"}")
                .join();
        assertThat(api.post("/group/create.json", "userId", "alice", "userId", "bob", "groupId", "g1", "groupName",
                "G").code()).isEqualTo(200);
        alicePhone.client().sendGroup("g1", TEXT, Devices.text("to the group")).join();
        bob.client().sendGroup("g1", TEXT, Devices.text("back")).join();
        assertThat(api.post("/message/recall.json", "fromUserId", "alice", "targetId", "bob", "conversationType", "1",
                "messageUID", sent.get(0).messageUid(), "sentTime", String.valueOf(sent.get(0).sentTime())).code())
                .isEqualTo(200);
        int tooLong = api.post("/message/private/publish.json", "fromUserId", "alice", "toUserId", "bob",
                "objectName", TEXT, "content", Devices.text("x".repeat(2000))).code();
        assertThat(tooLong).isNotEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> bob.inbox().size() >= 4);

        // 6 messages by devices, and the recall command; then the refused publish, which a later flush may carry
        String refusedCall = "/message/private/publish.json:" + tooLong;
        JsonNode hour = await().atMost(Duration.ofSeconds(60)).until(() -> sinceStart(api, "hour"),
                period -> period.path("messages").asLong() == 7 && period.path("newUsers").asLong() == 2
                        && period.path("refusals").asLong() == 1
                        && period.path("serverApiCallsByEndpoint").path(refusedCall).asLong() == 1);
        assertThat(hour.path("activeUsers").asLong()).isEqualTo(2);
        assertThat(hour.path("newUsers").asLong()).as("alice's two tokens make one new user").isEqualTo(2);
        assertThat(hour.path("peakConnections").asLong()).isEqualTo(3);
        assertThat(hour.path("recalls").asLong()).isEqualTo(1);
        assertThat(hour.path("messagesByConversationType").path("PRIVATE").asLong()).isEqualTo(5);
        assertThat(hour.path("messagesByConversationType").path("GROUP").asLong()).isEqualTo(2);
        assertThat(hour.path("messagesByType").path(TEXT).asLong()).isEqualTo(5);
        assertThat(hour.path("messagesByType").path("RC:ImgMsg").asLong()).isEqualTo(1);
        assertThat(hour.path("messagesByType").path("RC:RcCmd").asLong()).isEqualTo(1);
        assertThat(hour.path("refusalsByCode").path(String.valueOf(tooLong)).asLong()).isEqualTo(1);
        assertThat(hour.path("refusals").asLong()).isEqualTo(1);
        assertThat(hour.path("serverApiCallsByEndpoint").path("/user/getToken.json:200").asLong()).isEqualTo(3);
        assertThat(hour.path("serverApiCallsByEndpoint").path("/group/create.json:200").asLong()).isEqualTo(1);
        assertThat(hour.path("serverApiCallsByEndpoint").path(refusedCall).asLong()).isEqualTo(1);
        Counter deliver = server.server().meterRegistry().find("im.frames.out").tag("command", "DELIVER").counter();
        long deliveries = (long) deliver.count();
        assertThat(deliveries).isPositive();
        await().atMost(Duration.ofSeconds(60)).until(() -> sinceStart(api, "hour").path("deliveries").asLong(),
                counted -> counted == (long) deliver.count());
        JsonNode day = sinceStart(api, "day");
        assertThat(day.path("messages").asLong()).isEqualTo(7);
        assertThat(day.path("activeUsers").asLong()).isEqualTo(2);
        assertThat(day.path("newUsers").asLong()).isEqualTo(2);

        devices.forEach(Device::close);
        devices.clear();
        server.restart();
        ServerApiClient afterRestart = server.serverApi();
        JsonNode kept = sinceStart(afterRestart, "hour");
        assertThat(kept.path("messages").asLong()).isEqualTo(7);
        assertThat(kept.path("activeUsers").asLong()).isEqualTo(2);
        assertThat(kept.path("peakConnections").asLong()).isEqualTo(3);

        // alice again (no new user, not active twice), and carol (both)
        Device alice = connect("alice", "alice-phone", "Android");
        connect("carol", "carol-phone", "iOS");
        alice.client().sendPrivate("carol", TEXT, Devices.text("hi carol")).join();
        JsonNode added = await().atMost(Duration.ofSeconds(60)).until(() -> sinceStart(afterRestart, "hour"),
                period -> period.path("messages").asLong() == 8 && period.path("newUsers").asLong() == 3);
        assertThat(added.path("newUsers").asLong()).isEqualTo(3);
        assertThat(added.path("messagesByType").path(TEXT).asLong()).isEqualTo(6);
        assertThat(added.path("peakConnections").asLong()).as("the highest of the hour").isEqualTo(3);
        JsonNode today = await().atMost(Duration.ofSeconds(60)).until(() -> sinceStart(afterRestart, "day"),
                period -> period.path("activeUsers").asLong() >= 3);
        assertThat(today.path("activeUsers").asLong()).as("alice, bob, carol: alice once").isEqualTo(3);
        assertThat(today.path("messages").asLong()).isEqualTo(8);
    }

    @Test
    void aQueryIsCheckedAndAnswersEveryPeriodOfItsRange() {
        server = EmbeddedParley.start(dataDir, "statistics.flush-interval", "200ms");
        ServerApiClient api = server.serverApi();
        long to = System.currentTimeMillis();
        ServerApiClient.Answer week = api.post("/statistics/query.json", "granularity", "day", "from",
                String.valueOf(to - Duration.ofDays(7).toMillis()), "to", String.valueOf(to));
        assertThat(week.code()).isEqualTo(200);
        assertThat(week.body().path("granularity").asText()).isEqualTo("day");
        assertThat(week.body().path("periods")).hasSize(8);
        JsonNode first = week.body().path("periods").get(0);
        assertThat(first.path("start").asLong() % Duration.ofDays(1).toMillis()).isZero();
        assertThat(first.path("messages").asLong()).isZero();
        assertThat(first.path("messagesByType").isObject()).isTrue();

        assertThat(api.post("/statistics/query.json", "granularity", "week").code()).isEqualTo(1002);
        assertThat(api.post("/statistics/query.json", "from", "10", "to", "5").code()).isEqualTo(1002);
        assertThat(api.post("/statistics/query.json", "granularity", "hour", "from", "0", "to",
                String.valueOf(to)).code()).isEqualTo(1002);
    }

    private Device connect(String userId, String deviceId, String platform) {
        Device device = Devices.connect(server.client(userId, deviceId, platform).build());
        devices.add(device);
        return device;
    }

    /**
     * The figures since the test began, as one period: the hours (or days) since then added up, the peak the highest
     * of them; so a test that runs across the turn of an hour sees all it did. (Active users add up too: the tests
     * connect each user once an hour, and check distinct users across a restart by the day.)
     */
    private JsonNode sinceStart(ServerApiClient api, String granularity) {
        ServerApiClient.Answer answer = api.post("/statistics/query.json", "granularity", granularity, "from",
                String.valueOf(started), "to", String.valueOf(System.currentTimeMillis() + 1));
        assertThat(answer.code()).as(answer.body().toString()).isEqualTo(200);
        ObjectNode total = JSON.createObjectNode();
        for (JsonNode period : answer.body().path("periods")) {
            period.fields().forEachRemaining(field -> {
                if (field.getValue().isObject()) {
                    ObjectNode items = total.has(field.getKey()) ? (ObjectNode) total.get(field.getKey())
                            : total.putObject(field.getKey());
                    field.getValue().fields().forEachRemaining(item -> items.put(item.getKey(),
                            items.path(item.getKey()).asLong() + item.getValue().asLong()));
                } else if (!field.getKey().equals("start")) {
                    long before = total.path(field.getKey()).asLong();
                    long value = field.getValue().asLong();
                    total.put(field.getKey(), field.getKey().equals("peakConnections") ? Math.max(before, value)
                            : before + value);
                }
            });
        }
        return total;
    }
}
