package io.parley.plugin.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.client.SendResult;
import io.parley.api.model.ConversationType;
import io.parley.testkit.push.ReceivedPush;
import io.rong.RongCloud;
import io.rong.models.group.GroupMember;
import io.rong.models.group.GroupModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end push tests, with the real client SDK against the Xiaomi fake. */
class OfflinePushTest {
    @TempDir
    Path dir;

    private PushFixture fixture;

    @BeforeEach
    void start() {
        fixture = new PushFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private List<ReceivedPush> awaitPushes(String token, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.vendor.pushesTo(token).size() >= count);
        return fixture.vendor.pushesTo(token);
    }

    @Test
    void anOfflineUserIsNotifiedWithTitleBodyBadgeAndPayload() {
        assertThat(fixture.registerAndGoOffline("bob", "ok-bob")).containsEntry("registered", true);
        ImClient alice = fixture.online("alice");

        SendResult first = alice.send(ConversationType.PRIVATE, "bob", "RC:TxtMsg", "{\"content\":\"hi bob\"}",
                null, "{\"deepLink\":\"chat/alice\"}").join();
        ReceivedPush push = awaitPushes("ok-bob", 1).get(0);

        assertThat(push.title()).isEqualTo("alice");
        assertThat(push.body()).isEqualTo("hi bob");
        assertThat(push.badge()).isEqualTo(1);
        assertThat(push.appId()).isEqualTo(PushFixture.APP_ID);
        assertThat(push.data()).containsEntry("messageUid", first.messageUid())
                .containsEntry("conversationType", "1").containsEntry("targetId", "alice")
                .containsEntry("pushData", "{\"deepLink\":\"chat/alice\"}");

        alice.send(ConversationType.PRIVATE, "bob", "RC:ImgMsg", "{\"imageUri\":\"https://x/y.png\"}").join();
        alice.send(ConversationType.PRIVATE, "bob", "RC:TxtMsg", "{\"content\":\"secret\"}", "You have a DM", null)
                .join();
        // notifications are sent concurrently, and vendors promise no order: each carries its own badge
        List<ReceivedPush> pushes = awaitPushes("ok-bob", 3);
        assertThat(pushes).extracting(ReceivedPush::body, ReceivedPush::badge).containsExactlyInAnyOrder(
                tuple("hi bob", 1), tuple("[Image]", 2), tuple("You have a DM", 3));
        assertThat(fixture.vendor.violations()).isEmpty();
    }

    @Test
    void aUserWithAnOnlineDeviceGetsNoPush() {
        fixture.registerAndGoOffline("bob", "ok-bob");
        fixture.registerAndGoOffline("carol", "ok-carol");
        fixture.online("bob");
        ImClient alice = fixture.online("alice");

        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"you are here\"}").join();
        alice.sendPrivate("carol", "RC:TxtMsg", "{\"content\":\"you are away\"}").join();

        // carol's push proves the listener has handled both messages, in order
        assertThat(awaitPushes("ok-carol", 1)).extracting(ReceivedPush::body).containsExactly("you are away");
        assertThat(fixture.vendor.pushesTo("ok-bob")).isEmpty();
    }

    @Test
    void doNotDisturbSuppressesThePushAndAMentionBreaksThrough() {
        fixture.registerAndGoOffline("bob", "ok-bob");
        assertThat(fixture.server.serverApi().post("/conversation/notification/set.json", "conversationType", "1",
                "requestId", "bob", "targetId", "alice", "unpushLevel", "1").code()).isEqualTo(200);
        ImClient alice = fixture.online("alice");

        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"quiet please\"}").join();
        alice.sendPrivate("bob", "RC:TxtMsg",
                "{\"content\":\"@bob look\",\"mentionedInfo\":{\"type\":2,\"userIdList\":[\"bob\"]}}").join();

        assertThat(awaitPushes("ok-bob", 1)).extracting(ReceivedPush::body).containsExactly("@bob look");
        assertThat(fixture.server.serverApi().post("/message/private/publish.json", "fromUserId", "alice",
                "toUserId", "bob", "objectName", "RC:TxtMsg", "content", "{\"content\":\"no push for this\"}",
                "disablePush", "true").code()).isEqualTo(200);
        alice.send(ConversationType.PRIVATE, "bob", "RC:TxtMsg",
                "{\"content\":\"@bob silently\",\"mentionedInfo\":{\"type\":2,\"userIdList\":[\"bob\"]}}", null,
                null, true).join();
        alice.sendPrivate("bob", "RC:TxtMsg",
                "{\"content\":\"@all\",\"mentionedInfo\":{\"type\":1}}").join();
        assertThat(awaitPushes("ok-bob", 2)).extracting(ReceivedPush::body).containsExactly("@bob look", "@all");
    }

    @Test
    void anInvalidTokenIsRemovedAfterTheVendorSaysSo() {
        fixture.registerAndGoOffline("bob", "row-bad_regids");
        assertThat(fixture.registerAndGoOffline("bob", "ok-bob")).containsEntry("tokens", 2);
        ImClient alice = fixture.online("alice");

        SendResult sent = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"one\"}").join();
        awaitPushes("ok-bob", 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var stats = fixture.server.serverApi().post("/push/stats.json", "id", sent.messageUid()).body();
            assertThat(stats.path("targets").asInt()).isEqualTo(2);
            assertThat(stats.path("delivered").asInt()).isEqualTo(1);
            assertThat(stats.path("failed").asInt()).isEqualTo(1);
            assertThat(stats.path("tokensRemoved").asInt()).isEqualTo(1);
        });

        SendResult second = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"two\"}").join();
        awaitPushes("ok-bob", 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fixture.server.serverApi()
                .post("/push/stats.json", "id", second.messageUid()).body().path("targets").asInt()).isEqualTo(1));
    }

    @Test
    void aRateLimitedVendorIsRetriedAfterItsRetryAfter() {
        fixture.registerAndGoOffline("bob", "ok-bob");
        ImClient alice = fixture.online("alice");
        fixture.vendor.rateLimitNext(1, 2);

        SendResult sent = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"slow down\"}").join();
        ReceivedPush push = awaitPushes("ok-bob", 1).get(0);

        assertThat(fixture.vendor.sendCalls()).isEqualTo(2);
        // backoff alone would retry after 200 ms; the vendor asked for 2 s
        assertThat(push.receivedAtMillis() - sent.sentTime()).isGreaterThanOrEqualTo(2000);
        assertThat(push.body()).isEqualTo("slow down");
    }

    @Test
    void notificationsQueuedWhileTheVendorIsDownAreDeliveredOnceItRecovers() {
        fixture.registerAndGoOffline("bob", "ok-bob");
        ImClient alice = fixture.online("alice");
        fixture.vendor.goDown();

        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"first\"}").join();
        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"second\"}").join();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.vendor.sendCalls() >= 4);
        assertThat(fixture.vendor.pushes()).isEmpty();

        // the queue is durable: a restart while the vendor is down loses nothing
        fixture.server.restart();
        fixture.vendor.comeBack();

        assertThat(awaitPushes("ok-bob", 2)).extracting(ReceivedPush::body)
                .containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void theTitleIsTheRemarkTheRecipientGaveTheSenderElseTheSendersAliasInTheGroup() throws Exception {
        fixture.registerAndGoOffline("bob", "ok-bob");
        fixture.registerAndGoOffline("carol", "ok-carol");
        RongCloud rongCloud = RongCloud.getInstance(fixture.server.appKey(), fixture.server.appSecret(),
                fixture.server.baseUrl());
        GroupMember[] members = {new GroupMember().setId("alice"), new GroupMember().setId("bob"),
            new GroupMember().setId("carol")};
        assertThat(rongCloud.group.create(new GroupModel().setId("crew").setName("Crew").setMembers(members))
                .getCode()).isEqualTo(200);
        assertThat(rongCloud.user.remark.set("bob", "[{\"id\":\"alice\",\"remark\":\"Sis\"}]").getCode())
                .isEqualTo(200);
        assertThat(rongCloud.group.remark.set("alice", "crew", "Captain").getCode()).isEqualTo(200);
        ImClient alice = fixture.online("alice");

        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"dinner?\"}").join();
        assertThat(awaitPushes("ok-bob", 1).get(0).title()).isEqualTo("Sis");

        alice.sendGroup("crew", "RC:TxtMsg", "{\"content\":\"boat at 6\"}").join();
        assertThat(awaitPushes("ok-bob", 2)).filteredOn(push -> push.body().equals("boat at 6"))
                .extracting(ReceivedPush::title).containsExactly("Sis");
        assertThat(awaitPushes("ok-carol", 1).get(0).title()).isEqualTo("Captain");
    }

    @Test
    void aGroupMessageNotifiesOfflineMembersAndCountsInTheVendorMetrics() {
        fixture.registerAndGoOffline("bob", "ok-bob");
        fixture.registerAndGoOffline("carol", "row-bad_regids");
        assertThat(fixture.server.serverApi().post("/group/create.json", "userId", "alice", "userId", "bob",
                "userId", "carol", "groupId", "team", "groupName", "Team").code()).isEqualTo(200);
        ImClient alice = fixture.online("alice");

        SendResult sent = alice.sendGroup("team", "RC:TxtMsg", "{\"content\":\"standup\"}").join();
        ReceivedPush push = awaitPushes("ok-bob", 1).get(0);

        assertThat(push.body()).isEqualTo("standup");
        assertThat(push.data()).containsEntry("conversationType", "3").containsEntry("targetId", "team")
                .containsEntry("messageUid", sent.messageUid());
        var registry = fixture.server.server().meterRegistry();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(registry.get("im.push.sent").tag("vendor", "xiaomi").counter().count()).isEqualTo(2);
            assertThat(registry.get("im.push.delivered").tag("vendor", "xiaomi").counter().count()).isEqualTo(1);
            assertThat(registry.get("im.push.failed").tag("vendor", "xiaomi").tag("kind", "INVALID_TOKEN").counter()
                    .count()).isEqualTo(1);
            assertThat(registry.get("im.push.tokens.removed").tag("vendor", "xiaomi").counter().count()).isEqualTo(1);
        });
        // one request per offline recipient; the sender, online, gets none
        assertThat(registry.get("im.push.requests").counter().count()).isEqualTo(2);
    }

    @Test
    void aNotificationThatOutlivesItsTtlWhileTheVendorIsDownIsDroppedAndCountedAsFailed() {
        fixture.close();
        fixture = new PushFixture(dir.resolve("ttl"), "push.ttl", "2s");
        fixture.registerAndGoOffline("bob", "ok-bob");
        ImClient alice = fixture.online("alice");
        fixture.vendor.goDown();

        SendResult sent = alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"too late\"}").join();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var stats = fixture.server.serverApi().post("/push/stats.json", "id", sent.messageUid()).body();
            assertThat(stats.path("failed").asInt()).isEqualTo(1);
            assertThat(stats.path("pending").asInt()).isZero();
        });
        int attempts = fixture.vendor.sendCalls();
        assertThat(attempts).isGreaterThanOrEqualTo(2);
        fixture.vendor.comeBack();

        // once given up, it is never sent again: a later message goes alone
        alice.sendPrivate("bob", "RC:TxtMsg", "{\"content\":\"on time\"}").join();
        assertThat(awaitPushes("ok-bob", 1)).extracting(ReceivedPush::body).containsExactly("on time");
        assertThat(fixture.server.server().meterRegistry().get("im.push.failed").tag("kind", "EXPIRED").counter()
                .count()).isEqualTo(1);
    }
}
