package io.parley.starter.users;

import static io.parley.starter.support.Devices.connect;
import static io.parley.starter.support.Devices.outcome;
import static io.parley.starter.support.Devices.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ConnectionStatus;
import io.parley.client.ImClient;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.body.ConnAckBody;
import io.parley.protocol.body.ConnectBody;
import io.parley.protocol.body.KickedBody;
import io.parley.starter.e2e.RawConnection;
import io.parley.starter.support.Devices.Device;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.group.GroupMember;
import io.rong.models.group.GroupModel;
import io.rong.models.message.PrivateMessage;
import io.rong.models.response.UserAbandonResult;
import io.rong.models.user.UserModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deactivating users ({@code /user/abandon.json} and its 4.x names) through RongCloud's server SDK 3.3.1, felt by
 * real devices: kicked and refused with 31029, the id, messages and groups kept, reactivation, a restart.
 */
class UserDeactivationSdkTest {
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

    private static ImClient client(String token, String userId, String platform) {
        return ImClient.builder().address("127.0.0.1", server.tcpPort()).token(token)
                .deviceId(userId + "-" + platform + "-" + System.nanoTime()).platform(platform).build();
    }

    private static List<String> deactivated() throws Exception {
        UserAbandonResult result = rongCloud.user.abandonList(1, 50);
        assertThat(result.getCode()).isEqualTo(200);
        return result.getUsers() == null ? List.of() : result.getUsers();
    }

    @Test
    void abandonKicksEveryDeviceWith31029RefusesConnectsAndActivateLetsTheUserBackWithItsMessagesAndGroups()
            throws Exception {
        String token = rongCloud.user.register(new UserModel().setId("dora").setName("Dora")
                .setPortrait("http://example.invalid/dora.png")).getToken();
        GroupMember[] members = {new GroupMember().setId("dora"), new GroupMember().setId("ed")};
        assertThat(rongCloud.group.create(new GroupModel().setId("dora-club").setName("Club").setMembers(members))
                .getCode()).isEqualTo(200);

        try (Device ed = connect(server, "ed", "Android"); Device phone = connect(client(token, "dora", "iOS"));
                RawConnection raw = new RawConnection(server.tcpPort())) {
            raw.send(Frame.of(Command.CONNECT, 1, new ConnectBody(token, "dora-raw", "Android", 0, "test")));
            assertThat(raw.readUntil(Command.CONNACK).body(ConnAckBody.class).code()).isZero();

            assertThat(rongCloud.user.abandon(new UserModel().setId("dora")).getCode()).isEqualTo(200);

            KickedBody kicked = raw.readUntil(Command.KICKED).body(KickedBody.class);
            assertThat(kicked.code()).isEqualTo(31029);
            assertThat(raw.closedByServer()).isTrue();
            await().atMost(PATIENCE).until(() -> phone.client().status() == ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
            await().atMost(PATIENCE).until(() ->
                    "0".equals(rongCloud.user.onlineStatus.check(new UserModel().setId("dora")).getStatus()));
            assertThat(deactivated()).contains("dora");

            // refused whatever the token: the one issued before and a new one alike
            try (ImClient again = client(token, "dora", "Android")) {
                assertThat(outcome(again.connect())).isEqualTo(31029);
                assertThat(again.status()).isEqualTo(ConnectionStatus.CONNECT_REFUSED);
            }
            try (ImClient fresh = server.client("dora", "dora-web", "Web").build()) {
                assertThat(outcome(fresh.connect())).isEqualTo(31029);
            }

            // the id is kept: it is still written to, by devices and by the app server
            assertThat(outcome(ed.client().sendPrivate("dora", "RC:TxtMsg", text("while you were away")))).isZero();
            PrivateMessage fromApp = new PrivateMessage().setSenderId("app-bot").setTargetId(new String[] {"dora"})
                    .setObjectName("RC:TxtMsg").setContent(new TxtMessage("from the app", ""));
            assertThat(rongCloud.message.msgPrivate.send(fromApp).getCode()).isEqualTo(200);
            assertThat(rongCloud.user.get(new UserModel().setId("dora")).getCode()).isEqualTo(200);

            assertThat(rongCloud.user.activate(new UserModel().setId("dora")).getCode()).isEqualTo(200);
            assertThat(deactivated()).doesNotContain("dora");

            // the token from before connects again, and what was sent meanwhile is there
            try (Device back = connect(client(token, "dora", "Android"))) {
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(back.texts())
                        .anySatisfy(content -> assertThat(content).contains("while you were away"))
                        .anySatisfy(content -> assertThat(content).contains("from the app")));
                assertThat(outcome(back.client().sendGroup("dora-club", "RC:TxtMsg", text("still a member"))))
                        .isZero();
                await().atMost(PATIENCE).until(() -> ed.texts().stream()
                        .anyMatch(content -> content.contains("still a member")));
            }
        }
    }

    @Test
    void theFourXNamesTakeCommaJoinedIdsAnswerAnOperateIdAndDeactivationSurvivesARestart() throws Exception {
        ServerApiClient api = server.serverApi();
        ServerApiClient.Answer deactivate = api.post("/user/deactivate.json", "userId", "fritz,gus");
        assertThat(deactivate.code()).isEqualTo(200);
        assertThat(deactivate.body().path("operateId").asText()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");

        server.restart();

        try (ImClient fritz = server.client("fritz", "fritz-phone", "iOS").build()) {
            assertThat(outcome(fritz.connect())).isEqualTo(31029);
        }
        ServerApiClient.Answer query = api.post("/user/deactivate/query.json", "pageNo", "1", "pageSize", "50");
        assertThat(query.code()).isEqualTo(200);
        List<String> users = new ArrayList<>();
        query.body().path("users").forEach(user -> users.add(user.asText()));
        assertThat(users).contains("fritz", "gus");
        assertThat(deactivated()).contains("fritz", "gus");

        ServerApiClient.Answer reactivate = api.post("/user/reactivate.json", "userId", "fritz,gus");
        assertThat(reactivate.code()).isEqualTo(200);
        assertThat(reactivate.body().path("operateId").asText()).isNotEmpty();
        assertThat(deactivated()).doesNotContain("fritz", "gus");
        try (ImClient fritz = server.client("fritz", "fritz-phone", "iOS").build()) {
            assertThat(outcome(fritz.connect())).isZero();
        }
    }

    @Test
    void theQueryPagesTheDeactivatedUsersInIdOrder() throws Exception {
        for (String userId : List.of("page-e", "page-c", "page-a", "page-d", "page-b")) {
            assertThat(rongCloud.user.abandon(new UserModel().setId(userId)).getCode()).isEqualTo(200);
        }
        // abandoning twice is no error
        assertThat(rongCloud.user.abandon(new UserModel().setId("page-a")).getCode()).isEqualTo(200);

        List<String> all = deactivated();
        assertThat(all).isSorted();
        assertThat(all.stream().filter(id -> id.startsWith("page-")).toList())
                .containsExactly("page-a", "page-b", "page-c", "page-d", "page-e");
        List<String> paged = new ArrayList<>();
        for (int pageNo = 1; pageNo <= (all.size() + 1) / 2 + 1; pageNo++) {
            List<String> page = rongCloud.user.abandonList(pageNo, 2).getUsers();
            assertThat(page.size()).isLessThanOrEqualTo(2);
            paged.addAll(page);
        }
        assertThat(paged).isEqualTo(all);

        for (String userId : List.of("page-a", "page-b", "page-c", "page-d", "page-e")) {
            assertThat(rongCloud.user.activate(new UserModel().setId(userId)).getCode()).isEqualTo(200);
        }
        // activating a user that is not deactivated is no error either
        assertThat(rongCloud.user.activate(new UserModel().setId("page-a")).getCode()).isEqualTo(200);
        assertThat(deactivated()).noneMatch(id -> id.startsWith("page-"));
    }

    @Test
    void badCallsAreRefusedWith1002NamingWhatIsWrong() {
        ServerApiClient api = server.serverApi();
        ServerApiClient.Answer missing = api.post("/user/abandon.json");
        assertThat(missing.code()).isEqualTo(1002);
        assertThat(missing.body().path("errorMessage").asText()).contains("userId");
        assertThat(api.post("/user/activate.json", "userId", "not valid!").code()).isEqualTo(1002);
        assertThat(api.post("/user/abandon/query.json", "pageSize", "51").body().path("errorMessage").asText())
                .contains("pageSize");
        assertThat(api.post("/user/deactivate/query.json", "pageNo", "0").code()).isEqualTo(1002);
        String tooMany = String.join(",", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "u" + i).toList());
        assertThat(api.post("/user/deactivate.json", "userId", tooMany).code()).isEqualTo(1002);
    }
}
