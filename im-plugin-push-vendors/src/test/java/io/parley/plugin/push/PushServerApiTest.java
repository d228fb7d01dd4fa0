package io.parley.plugin.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.client.ImClient;
import io.parley.testkit.push.ReceivedPush;
import io.rong.RongCloud;
import io.rong.models.Result;
import io.rong.models.message.PushUserMessage;
import io.rong.models.push.Audience;
import io.rong.models.push.Notification;
import io.rong.models.push.PlatformNotification;
import io.rong.models.push.PushModel;
import io.rong.models.response.PushResult;
import io.rong.models.response.ResponseResult;
import io.rong.models.user.BlockPushPeriodModel;
import io.rong.models.user.TagModel;
import io.rong.models.user.UserModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push server API with RongCloud's own server SDK 3.3.1: tags, tag and broadcast pushes, user pushes, quiet hours, stats. */
class PushServerApiTest {
    @TempDir
    Path dir;

    private PushFixture fixture;
    private RongCloud rongCloud;

    @BeforeEach
    void start() {
        fixture = new PushFixture(dir);
        rongCloud = RongCloud.getInstance(fixture.server.appKey(), fixture.server.appSecret(), fixture.server.baseUrl());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private JsonNode stats(String id) {
        return fixture.server.serverApi().post("/push/stats.json", "id", id).body();
    }

    private static Notification notification(String title, String alert) {
        Notification notification = new Notification();
        notification.setTitle(title);
        notification.setAlert(alert);
        return notification;
    }

    private PushResult push(String[] platforms, Audience audience, Notification notification) throws Exception {
        PushModel model = new PushModel();
        model.setPlatform(platforms);
        model.setAudience(audience);
        model.setNotification(notification);
        return rongCloud.push.push(model);
    }

    private void tag(String userId, String... tags) throws Exception {
        TagModel model = new TagModel();
        model.setUserId(userId);
        model.setTags(tags);
        assertThat(rongCloud.user.tag.set(model).getCode()).isEqualTo(200);
    }

    @Test
    void aTagPushReachesUsersWithEveryTagAndTagOrWithAnyAndItsStatsAddUp() throws Exception {
        fixture.registerAndGoOffline("bob", "ok-bob");
        fixture.registerAndGoOffline("carol", "ok-carol");
        fixture.registerAndGoOffline("dave", "ok-dave");
        tag("bob", "vip", "beta");
        tag("carol", "vip");
        tag("dave", "other");

        Audience both = new Audience();
        both.setTag(new String[] {"vip", "beta"});
        PushResult allTags = push(new String[] {"android"}, both, notification("Sale", "50% off"));
        assertThat(allTags.getCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> stats(allTags.getId()).path("delivered").asInt() == 1);
        assertThat(fixture.vendor.pushesTo("ok-bob")).singleElement().satisfies(push -> {
            assertThat(push.title()).isEqualTo("Sale");
            assertThat(push.body()).isEqualTo("50% off");
            assertThat(push.data()).containsEntry("pushId", allTags.getId());
        });

        Audience any = new Audience();
        any.setTag_or(new String[] {"beta", "vip"});
        PushResult anyTag = push(new String[] {"ios", "android"}, any, notification("News", "hello"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode counts = stats(anyTag.getId());
            assertThat(counts.path("targets").asInt()).isEqualTo(2);
            assertThat(counts.path("delivered").asInt()).isEqualTo(2);
            assertThat(counts.path("pending").asInt()).isZero();
        });
        assertThat(fixture.vendor.pushesTo("ok-carol")).extracting(ReceivedPush::body).containsExactly("hello");
        assertThat(fixture.vendor.pushesTo("ok-dave")).isEmpty();

        // an iOS-only push finds no Xiaomi device
        PushResult iosOnly = push(new String[] {"ios"}, any, notification("iOS", "only"));
        assertThat(stats(iosOnly.getId()).path("targets").asInt()).isZero();
    }

    @Test
    void aPushToEveryoneReachesEveryRegisteredDevicePageByPage() throws Exception {
        List<String> users = new ArrayList<>();
        for (String first : List.of("a", "B", "z", "0", "9", "_", "-", "=", "+", "|")) {
            users.add(first + "user");
        }
        for (String user : users) {
            fixture.registerAndGoOffline(user, "ok-" + user);
        }
        Audience everyone = new Audience();
        everyone.setIs_to_all(true);
        PushResult result = push(new String[] {"android"}, everyone, notification("All", "to everyone"));

        await().atMost(Duration.ofSeconds(20)).until(() -> stats(result.getId()).path("delivered").asInt() == users.size());
        for (String user : users) {
            assertThat(fixture.vendor.pushesTo("ok-" + user)).extracting(ReceivedPush::body).containsExactly("to everyone");
        }
    }

    @Test
    void aUserPushCarriesTheAndroidTitleAndExtras() throws Exception {
        fixture.registerAndGoOffline("bob", "ok-bob");
        PlatformNotification android = new PlatformNotification();
        android.setAlert("android text");
        android.setExtras(Map.of("orderId", "42"));
        PushUserMessage message = new PushUserMessage().setUserIds(List.of("bob", "nobody"))
                .setNotification(new PushUserMessage.Notification().setTitle("Order").setPushContent("generic")
                        .setAndroid(android));

        ResponseResult result = rongCloud.message.system.sendUser(message);
        assertThat(result.getCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.vendor.pushesTo("ok-bob").size() == 1);
        ReceivedPush push = fixture.vendor.pushesTo("ok-bob").get(0);
        assertThat(push.title()).isEqualTo("Order");
        assertThat(push.body()).isEqualTo("android text");
        assertThat(push.data()).containsEntry("orderId", "42");
    }

    @Test
    void quietHoursHoldBackPushesButMentionsAtLevelOneAndLiftingThemRestoresPushes() throws Exception {
        fixture.registerAndGoOffline("bob", "ok-bob");
        ImClient alice = fixture.online("alice");
        BlockPushPeriodModel period = new BlockPushPeriodModel();
        period.setId("bob");
        period.setStartTime(LocalTime.now(ZoneOffset.UTC).minusMinutes(5).format(DateTimeFormatter.ofPattern("HH:mm:ss")));
        period.setPeriod(60);
        period.setLevel(1);
        assertThat(rongCloud.user.blockPushPeriod.add(period).getCode()).isEqualTo(200);
        UserModel bob = new UserModel();
        bob.setId("bob");
        assertThat(rongCloud.user.blockPushPeriod.getList(bob).toString()).contains("\"period\":60").contains("\"startTime\"");

        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"at night\"}").join();
        alice.sendPrivate("bob", "RC:TxtMsg",
                "{\"content\":\"@bob urgent\",\"mentionedInfo\":{\"type\":2,\"userIdList\":[\"bob\"]}}").join();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.vendor.pushesTo("ok-bob").size() == 1);

        Result removed = rongCloud.user.blockPushPeriod.remove(bob);
        assertThat(removed.getCode()).isEqualTo(200);
        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"good morning\"}").join();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.vendor.pushesTo("ok-bob").size() == 2);
        assertThat(fixture.vendor.pushesTo("ok-bob")).extracting(ReceivedPush::body)
                .containsExactly("@bob urgent", "good morning");
    }

    @Test
    void badRequestsGetNumberedErrorsAndTheServerStaysUp() {
        var api = fixture.server.serverApi();
        assertThat(api.post("/push/stats.json", "id", "nope").code()).isEqualTo(1015);
        assertThat(api.post("/push/stats.json").code()).isEqualTo(1002);
        assertThat(api.post("/user/blockPushPeriod/set.json", "userId", "bob", "startTime", "25:00:00", "period", "10")
                .code()).isEqualTo(1002);
        assertThat(api.post("/user/blockPushPeriod/set.json", "userId", "bob", "startTime", "23:00:00", "period", "0")
                .code()).isEqualTo(1002);
        // a form where JSON is expected
        assertThat(api.post("/push/user.json", "userIds", "bob").code()).isEqualTo(1002);

        ImClient carol = fixture.online("carol");
        assertThat(carol.command("push.register", Map.of("vendor", "nokia", "token", "t", "appId", "x"))
                .handle((ok, error) -> error.getMessage()).join()).contains("not enabled");
        assertThat(carol.command("push.register", Map.of("vendor", "xiaomi", "appId", "x"))
                .handle((ok, error) -> error.getMessage()).join()).contains("token is required");
        assertThat(carol.command("push.register", Map.of("vendor", "xiaomi", "token", "ok-carol", "appId", "x"))
                .join()).containsEntry("tokens", 1);
        assertThat(carol.command("push.unregister", Map.of("vendor", "xiaomi", "token", "ok-carol")).join())
                .containsEntry("removed", true);
    }
}
