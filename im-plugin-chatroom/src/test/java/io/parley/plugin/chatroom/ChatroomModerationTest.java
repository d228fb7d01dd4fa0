package io.parley.plugin.chatroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.testkit.EmbeddedParley;
import io.rong.RongCloud;
import io.rong.models.chatroom.ChatroomMember;
import io.rong.models.chatroom.ChatroomModel;
import io.rong.models.response.ListGagChatroomUserResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gag, mute in every room, mute a whole room, block, and stopped distribution, driven by RongCloud's SDK 3.3.1. */
class ChatroomModerationTest {
    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static RongCloud rongCloud;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir);
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The RongCloud SDK's model of a call on a room (or none, for the calls on users): its users, 10 minutes. */
    static ChatroomModel room(String roomId, String... userIds) {
        ChatroomMember[] members = new ChatroomMember[userIds.length];
        for (int i = 0; i < userIds.length; i++) {
            members[i] = new ChatroomMember().setId(userIds[i]);
        }
        return new ChatroomModel().setId(roomId).setMembers(members).setMinute(10);
    }

    @Test
    void aGaggedMemberCannotSpeakUntilTheGagIsRolledBack() throws Exception {
        try (Member ray = Member.connect(server, "ray")) {
            ray.join("gagged");
            assertThat(rongCloud.chatroom.gag.add(room("gagged", "ray")).getCode()).isEqualTo(200);

            assertThat(ray.sendError("gagged", "mmph")).isEqualTo(23408);
            ListGagChatroomUserResult list = rongCloud.chatroom.gag.getList(room("gagged"));
            assertThat(list.getMembers()).extracting(m -> m.getId()).containsExactly("ray");
            assertThat(list.getMembers().get(0).getTime()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

            assertThat(rongCloud.chatroom.gag.remove(room("gagged", "ray")).getCode()).isEqualTo(200);
            assertThat(ray.send("gagged", "RC:TxtMsg", "free").seq()).isPositive();
            assertThat(rongCloud.chatroom.gag.getList(room("gagged")).getMembers()).isEmpty();
        }
    }

    @Test
    void aUserMutedInEveryChatroomCannotSpeakInAny() throws Exception {
        try (Member sam = Member.connect(server, "sam")) {
            sam.join("anywhere");
            assertThat(rongCloud.chatroom.ban.add(room("", "sam")).getCode()).isEqualTo(200);

            assertThat(sam.sendError("anywhere", "hello")).isEqualTo(23408);
            sam.join("elsewhere");
            assertThat(sam.sendError("elsewhere", "hello")).isEqualTo(23408);
            assertThat(rongCloud.chatroom.ban.getList().getMembers()).extracting(m -> m.getId()).contains("sam");

            assertThat(rongCloud.chatroom.ban.remove(room("", "sam")).getCode()).isEqualTo(200);
            assertThat(sam.send("elsewhere", "RC:TxtMsg", "back").seq()).isPositive();
        }
    }

    @Test
    void aMutedRoomLetsOnlyItsWhitelistSpeak() throws Exception {
        try (Member tom = Member.connect(server, "tom"); Member una = Member.connect(server, "una")) {
            tom.join("hushed");
            una.join("hushed");
            assertThat(rongCloud.chatroom.banAllMember.add(new ChatroomModel().setId("hushed")).getCode()).isEqualTo(200);
            assertThat(rongCloud.chatroom.banAllMemberWhitelist.add(room("hushed", "una")).getCode()).isEqualTo(200);

            assertThat(rongCloud.chatroom.banAllMember.check(new ChatroomModel().setId("hushed")).getStatus())
                    .isEqualTo("1");
            // 3.3.1 takes (size, page)
            assertThat(rongCloud.chatroom.banAllMember.getList(50, 1).getChatroomIds()).containsExactly("hushed");
            assertThat(rongCloud.chatroom.banAllMemberWhitelist.getList("hushed").getUserIds()).containsExactly("una");
            assertThat(tom.sendError("hushed", "psst")).isEqualTo(23408);
            assertThat(una.send("hushed", "RC:TxtMsg", "announcement").seq()).isPositive();

            assertThat(rongCloud.chatroom.banAllMember.remove(new ChatroomModel().setId("hushed")).getCode())
                    .isEqualTo(200);
            assertThat(tom.send("hushed", "RC:TxtMsg", "finally").seq()).isPositive();
        }
    }

    @Test
    void aBlockedMemberIsKickedWithANoticeAndCannotComeBackUntilUnblocked() throws Exception {
        try (Member vic = Member.connect(server, "vic"); Member wes = Member.connect(server, "wes")) {
            vic.join("strict");
            wes.join("strict");
            assertThat(rongCloud.chatroom.block.add(room("strict", "vic").setExtra("spam")).getCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> !vic.events(ChatroomRegistry.EVENT_KICKED).isEmpty());
            assertThat(vic.events(ChatroomRegistry.EVENT_KICKED).get(0).body()).containsEntry("roomId", "strict")
                    .containsEntry("code", 23409).containsEntry("reason", "blocked").containsEntry("extra", "spam");
            assertThat(rongCloud.chatroom.isExist(new ChatroomMember().setId("vic").setChatroomId("strict")).isInChrm)
                    .isFalse();
            assertThat(vic.commandError("chatroom.join", java.util.Map.of("roomId", "strict"))).isEqualTo(23409);
            assertThat(rongCloud.chatroom.block.getList("strict").getMembers()).extracting(m -> m.getId())
                    .containsExactly("vic");
            assertThat(wes.events(ChatroomRegistry.EVENT_KICKED)).isEmpty();

            assertThat(rongCloud.chatroom.block.remove(room("strict", "vic")).getCode()).isEqualTo(200);
            assertThat(vic.join("strict")).containsEntry("memberCount", 2);
        }
    }

    @Test
    void whileDistributionIsStoppedMessagesAreAckedButReachNobody() throws Exception {
        try (Member xia = Member.connect(server, "xia"); Member yan = Member.connect(server, "yan")) {
            xia.join("paused");
            yan.join("paused");
            assertThat(rongCloud.chatroom.distribute.stop(new ChatroomModel().setId("paused")).getCode()).isEqualTo(200);

            SendResult held = xia.send("paused", "RC:TxtMsg", "held");
            assertThat(held.seq()).isZero();
            assertThat(held.messageUid()).isNotEmpty();

            assertThat(rongCloud.chatroom.distribute.resume(new ChatroomModel().setId("paused")).getCode())
                    .isEqualTo(200);
            assertThat(xia.send("paused", "RC:TxtMsg", "flowing").seq()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !yan.texts("paused").isEmpty());
            assertThat(yan.messages).extracting(ReceivedMessage::content).containsExactly("{\"content\":\"flowing\"}");
        }
    }
}
