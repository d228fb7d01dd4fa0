package io.parley.starter.users;

import static io.parley.starter.support.Devices.connect;
import static io.parley.starter.support.Devices.outcome;
import static io.parley.starter.support.Devices.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.starter.support.Devices.Device;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.group.GroupMember;
import io.rong.models.group.GroupModel;
import io.rong.models.message.PrivateMessage;
import io.rong.models.response.BanListResult;
import io.rong.models.user.BanListModel;
import io.rong.models.user.BanModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private-chat bans ({@code /user/chat/fb/*}) through RongCloud's server SDK 3.3.1, felt by real devices: a banned
 * user's private sends are refused with 20106 while its group sends, what it receives and the server API's sends as
 * it go through.
 */
class UserChatBanSdkTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static EmbeddedParley server;
    static RongCloud rongCloud;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dir);
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static BanModel ban(int state, String... userIds) {
        return new BanModel().setUserId(userIds).setState(state).setType("PERSON");
    }

    private static BanListResult list(int num, int offset) throws Exception {
        BanListResult result = rongCloud.user.ban.getList(new BanListModel().setType("PERSON").setNum(num)
                .setOffset(offset));
        assertThat(result.getCode()).isEqualTo(200);
        return result;
    }

    private static List<String> users(BanListResult result) {
        return result.getUsers() == null ? List.of() : Arrays.asList(result.getUsers());
    }

    @Test
    void aBannedUserMayNotSendPrivateMessagesButMaySendToGroupsAndStillReceives() throws Exception {
        GroupMember[] members = {new GroupMember().setId("hal"), new GroupMember().setId("ivy")};
        assertThat(rongCloud.group.create(new GroupModel().setId("fb-team").setName("Team").setMembers(members))
                .getCode()).isEqualTo(200);
        try (Device hal = connect(server, "hal", "Android"); Device ivy = connect(server, "ivy", "Android")) {
            assertThat(rongCloud.user.ban.set(ban(1, "hal")).getCode()).isEqualTo(200);
            assertThat(users(list(100, 0))).contains("hal");

            assertThat(outcome(hal.client().sendPrivate("ivy", "RC:TxtMsg", text("psst")))).isEqualTo(20106);
            assertThat(outcome(hal.client().sendGroup("fb-team", "RC:TxtMsg", text("hello team")))).isZero();
            assertThat(outcome(ivy.client().sendPrivate("hal", "RC:TxtMsg", text("hi hal")))).isZero();
            PrivateMessage asHal = new PrivateMessage().setSenderId("hal").setTargetId(new String[] {"ivy"})
                    .setObjectName("RC:TxtMsg").setContent(new TxtMessage("sent by the app as hal", ""));
            assertThat(rongCloud.message.msgPrivate.send(asHal).getCode()).isEqualTo(200);

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(hal.texts()).anySatisfy(content -> assertThat(content).contains("hi hal"));
                assertThat(ivy.texts()).anySatisfy(content -> assertThat(content).contains("hello team"))
                        .anySatisfy(content -> assertThat(content).contains("sent by the app as hal"));
            });
            assertThat(ivy.texts()).noneSatisfy(content -> assertThat(content).contains("psst"));

            assertThat(rongCloud.user.ban.set(ban(0, "hal")).getCode()).isEqualTo(200);
            assertThat(users(list(100, 0))).doesNotContain("hal");
            assertThat(outcome(hal.client().sendPrivate("ivy", "RC:TxtMsg", text("free again")))).isZero();
            await().atMost(PATIENCE).until(() -> ivy.texts().stream().anyMatch(content -> content.contains("free again")));
        }
    }

    @Test
    void theListCountsTheBannedUsersAndPagesThemByNumAndOffsetInIdOrder() throws Exception {
        assertThat(rongCloud.user.ban.set(ban(1, "fb-d", "fb-b", "fb-a", "fb-c")).getCode()).isEqualTo(200);
        // banning twice is no error
        assertThat(rongCloud.user.ban.set(ban(1, "fb-a")).getCode()).isEqualTo(200);

        BanListResult all = list(200, 0);
        assertThat(users(all)).isSorted();
        assertThat(all.getTotal()).isEqualTo(all.getUsers().length);
        assertThat(users(all).stream().filter(id -> id.startsWith("fb-")).toList())
                .containsExactly("fb-a", "fb-b", "fb-c", "fb-d");
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < all.getTotal(); offset += 3) {
            BanListResult page = list(3, offset);
            assertThat(page.getTotal()).isEqualTo(all.getTotal());
            paged.addAll(users(page));
        }
        assertThat(paged).isEqualTo(users(all));

        assertThat(rongCloud.user.ban.set(ban(0, "fb-a", "fb-b", "fb-c", "fb-d")).getCode()).isEqualTo(200);
        assertThat(users(list(200, 0))).noneMatch(id -> id.startsWith("fb-"));
    }

    @Test
    void onlyPrivateChatsCanBeBannedAndBadCallsAreRefusedWith1002() throws Exception {
        assertThat(rongCloud.user.ban.set(ban(1, "fb-x").setType("GROUP")).getCode()).isEqualTo(1002);
        assertThat(rongCloud.user.ban.getList(new BanListModel().setType("GROUP")).getCode()).isEqualTo(1002);

        ServerApiClient api = server.serverApi();
        ServerApiClient.Answer noType = api.post("/user/chat/fb/set.json", "userId", "fb-x", "state", "1");
        assertThat(noType.code()).isEqualTo(1002);
        assertThat(noType.body().path("errorMessage").asText()).contains("type");
        assertThat(api.post("/user/chat/fb/set.json", "userId", "fb-x", "state", "2", "type", "PERSON").code())
                .isEqualTo(1002);
        assertThat(api.post("/user/chat/fb/set.json", "state", "1", "type", "PERSON").body().path("errorMessage")
                .asText()).contains("userId");
        assertThat(api.post("/user/chat/fb/querylist.json", "type", "PERSON", "num", "201").code()).isEqualTo(1002);
        assertThat(api.post("/user/chat/fb/querylist.json", "type", "PERSON", "offset", "-1").code()).isEqualTo(1002);
        assertThat(users(list(200, 0))).doesNotContain("fb-x");
    }
}
