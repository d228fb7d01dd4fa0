package io.parley.plugin.chatroom;

import static io.parley.plugin.chatroom.ChatroomModerationTest.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testkit.EmbeddedParley;
import io.rong.RongCloud;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RongCloud's ban and block notifications ({@code needNotify=true} on the gag, mute, mute-all, whitelist and block
 * calls), driven by RongCloud's SDK 3.3.1 and seen by real clients: who is told, with which body, and that a call
 * without {@code needNotify} tells no one.
 */
class ChatroomMemberNoticesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

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

    /** The body of the one event of that name the member got, once it has come; fails if a second one came. */
    private static Map<String, Object> only(Member member, String name) {
        await().atMost(WAIT).until(() -> !member.events(name).isEmpty());
        List<Member.Event> events = member.events(name);
        assertThat(events).as("%s's %s events", member.userId, name).hasSize(1);
        return events.get(0).body();
    }

    private static long number(Map<String, Object> body, String key) {
        return ((Number) body.get(key)).longValue();
    }

    @Test
    void aGagWithNeedNotifyIsToldToEveryMemberOfTheRoomAndNobodyElse() throws Exception {
        try (Member amy = Member.connect(server, "amy"); Member ben = Member.connect(server, "ben");
                Member out = Member.connect(server, "out")) {
            amy.join("town-square");
            ben.join("town-square");
            out.join("elsewhere");
            long before = System.currentTimeMillis();

            // without needNotify: nobody is told (the told one below is the first event each member gets)
            assertThat(rongCloud.chatroom.gag.add(room("town-square", "ben")).getCode()).isEqualTo(200);
            assertThat(rongCloud.chatroom.gag.add(room("town-square", "ben").setNeedNotify(true)
                    .setExtra("spam")).getCode()).isEqualTo(200);

            for (Member member : List.of(amy, ben)) {
                Map<String, Object> ban = only(member, MemberNotice.BAN);
                assertThat(ban).containsEntry("chatroomId", "town-square").containsEntry("banType", 1)
                        .containsEntry("userIdList", List.of("ben")).containsEntry("extra", "spam");
                assertThat(number(ban, "durationTime")).isEqualTo(Duration.ofMinutes(10).toMillis());
                assertThat(number(ban, "operateTime")).isBetween(before, System.currentTimeMillis());
            }

            assertThat(rongCloud.chatroom.gag.remove(room("town-square", "ben").setNeedNotify(true)).getCode())
                    .isEqualTo(200);
            await().atMost(WAIT).until(() -> amy.events(MemberNotice.BAN).size() == 2);
            assertThat(amy.events(MemberNotice.BAN).get(1).body()).containsEntry("banType", 0)
                    .containsEntry("durationTime", 0).containsEntry("userIdList", List.of("ben"))
                    .containsEntry("extra", "");
            // the member of another room, connected all along, heard of none of it; its own room's notice proves
            // its events were flowing
            assertThat(rongCloud.chatroom.banAllMember.add(room("elsewhere").setNeedNotify(true)).getCode())
                    .isEqualTo(200);
            assertThat(only(out, MemberNotice.BAN)).containsEntry("chatroomId", "elsewhere")
                    .containsEntry("banType", 3).containsEntry("userIdList", List.of());
        }
    }

    @Test
    void muteAllAndItsWhitelistAreToldToTheRoom() throws Exception {
        try (Member cal = Member.connect(server, "cal"); Member dee = Member.connect(server, "dee")) {
            cal.join("lecture");
            dee.join("lecture");

            assertThat(rongCloud.chatroom.banAllMember.add(room("lecture").setNeedNotify(true)).getCode())
                    .isEqualTo(200);
            assertThat(rongCloud.chatroom.banAllMemberWhitelist.add(room("lecture", "cal").setNeedNotify(true))
                    .getCode()).isEqualTo(200);
            assertThat(rongCloud.chatroom.banAllMemberWhitelist.remove(room("lecture", "cal").setNeedNotify(true))
                    .getCode()).isEqualTo(200);
            assertThat(rongCloud.chatroom.banAllMember.remove(room("lecture").setNeedNotify(true)).getCode())
                    .isEqualTo(200);

            for (Member member : List.of(cal, dee)) {
                await().atMost(WAIT).until(() -> member.events(MemberNotice.BAN).size() == 4);
                assertThat(member.events(MemberNotice.BAN)).extracting(e -> e.body().get("banType"))
                        .containsExactly(3, 5, 4, 2);
                assertThat(member.events(MemberNotice.BAN).get(1).body()).containsEntry("userIdList", List.of("cal"));
            }
        }
    }

    @Test
    void aMuteInEveryRoomIsToldToTheMutedUserOnly() throws Exception {
        try (Member eve = Member.connect(server, "eve"); Member fay = Member.connect(server, "fay")) {
            eve.join("cafe");
            fay.join("cafe");

            assertThat(rongCloud.chatroom.ban.add(room("", "eve").setNeedNotify(true)).getCode()).isEqualTo(200);
            assertThat(rongCloud.chatroom.ban.remove(room("", "eve").setNeedNotify(true)).getCode()).isEqualTo(200);
            await().atMost(WAIT).until(() -> eve.events(MemberNotice.BAN).size() == 2);
            assertThat(eve.events(MemberNotice.BAN)).extracting(e -> e.body().get("banType")).containsExactly(7, 6);
            assertThat(number(eve.events(MemberNotice.BAN).get(0).body(), "durationTime"))
                    .isEqualTo(Duration.ofMinutes(10).toMillis());

            // fay shares eve's room but is not told; a gag with a notice in that room is the first thing she hears
            assertThat(rongCloud.chatroom.gag.add(room("cafe", "fay").setNeedNotify(true)).getCode()).isEqualTo(200);
            assertThat(only(fay, MemberNotice.BAN)).containsEntry("banType", 1);
        }
    }

    @Test
    void aBlockIsToldToTheRoomTheBlockedIncludedAndAnUnblockToTheUnblockedOnly() throws Exception {
        try (Member gus = Member.connect(server, "gus"); Member hal = Member.connect(server, "hal")) {
            gus.join("arena");
            hal.join("arena");

            assertThat(rongCloud.chatroom.block.add(room("arena", "hal").setNeedNotify(true).setExtra("rude"))
                    .getCode()).isEqualTo(200);
            for (Member member : List.of(gus, hal)) {
                Map<String, Object> block = only(member, MemberNotice.BLOCK);
                assertThat(block).containsEntry("chatroomId", "arena").containsEntry("operateType", 1)
                        .containsEntry("userIdList", List.of("hal")).containsEntry("extra", "rude");
                assertThat(number(block, "durationTime")).isEqualTo(Duration.ofMinutes(10).toMillis());
            }
            await().atMost(WAIT).until(() -> !hal.events("chatroom.kicked").isEmpty());

            assertThat(rongCloud.chatroom.block.remove(room("arena", "hal").setNeedNotify(true)).getCode())
                    .isEqualTo(200);
            await().atMost(WAIT).until(() -> hal.events(MemberNotice.BLOCK).size() == 2);
            assertThat(hal.events(MemberNotice.BLOCK).get(1).body()).containsEntry("operateType", 0)
                    .containsEntry("durationTime", 0);
            // gus, still in the room, is not told of the unblock: a mute-all notice is the next thing he hears
            assertThat(rongCloud.chatroom.banAllMember.add(room("arena").setNeedNotify(true)).getCode())
                    .isEqualTo(200);
            await().atMost(WAIT).until(() -> !gus.events(MemberNotice.BAN).isEmpty());
            assertThat(gus.events(MemberNotice.BLOCK)).hasSize(1);
        }
    }
}
