package io.parley.plugin.moderation.e2e;

import static io.parley.plugin.moderation.e2e.Clients.connect;
import static io.parley.plugin.moderation.e2e.Clients.outcome;
import static io.parley.plugin.moderation.e2e.Clients.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ConnectionStatus;
import io.parley.client.ImClient;
import io.parley.plugin.moderation.e2e.Clients.Device;
import io.parley.testkit.EmbeddedParley;
import io.rong.RongCloud;
import io.rong.messages.TxtMessage;
import io.rong.models.message.PrivateMessage;
import io.rong.models.response.BlackListResult;
import io.rong.models.response.BlockUserResult;
import io.rong.models.response.PWhiteListResult;
import io.rong.models.user.UserModel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bans, blacklists and whitelists managed through RongCloud's server SDK and felt by real client devices. */
class UserManagementTest {
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

    @Test
    void aBannedUserIsDisconnectedAndRefusedWith31009UntilUnblocked() throws Exception {
        Device mallory = connect(server, "mallory");
        try (mallory) {
            assertThat(rongCloud.user.block.add(new UserModel().setId("mallory").setMinute(10)).getCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> mallory.client().status() == ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    "0".equals(rongCloud.user.onlineStatus.check(new UserModel().setId("mallory")).getStatus()));
        }
        try (ImClient again = server.client("mallory", "mallory-phone-2", "iOS").build()) {
            assertThat(outcome(again.connect())).isEqualTo(31009);
        }

        BlockUserResult blocked = (BlockUserResult) rongCloud.user.block.getList();
        assertThat(blocked.getCode()).isEqualTo(200);
        assertThat(blocked.getUsers()).anySatisfy(user -> {
            assertThat(user.getId()).isEqualTo("mallory");
            assertThat(user.getBlockEndTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        });

        assertThat(rongCloud.user.block.remove("mallory").getCode()).isEqualTo(200);
        assertThat(((BlockUserResult) rongCloud.user.block.getList()).getUsers())
                .noneSatisfy(user -> assertThat(user.getId()).isEqualTo("mallory"));
        try (ImClient after = server.client("mallory", "mallory-phone-3", "iOS").build()) {
            assertThat(outcome(after.connect())).isZero();
        }
        assertThat(server.serverApi().post("/user/block.json", "userId", "mallory", "minute", "43201").code())
                .isEqualTo(1002);
    }

    @Test
    void aBlacklistedSendersPrivateMessagesAreRejectedWith405() throws Exception {
        UserModel list = new UserModel().setId("bl-bob").setBlacklist(new UserModel[] {new UserModel().setId("bl-alice")});
        assertThat(rongCloud.user.blackList.add(list).getCode()).isEqualTo(200);
        BlackListResult query = rongCloud.user.blackList.getList(new UserModel().setId("bl-bob"));
        assertThat(query.getUsers()).extracting(UserModel::getId).containsExactly("bl-alice");

        try (Device alice = connect(server, "bl-alice"); Device carol = connect(server, "bl-carol");
                Device bob = connect(server, "bl-bob")) {
            assertThat(outcome(alice.client().sendPrivate("bl-bob", "RC:TxtMsg", text("hi bob")))).isEqualTo(405);
            PrivateMessage viaApi = new PrivateMessage().setSenderId("bl-alice").setTargetId(new String[] {"bl-bob"})
                    .setObjectName("RC:TxtMsg").setContent(new TxtMessage("via the api", ""));
            assertThat(rongCloud.message.msgPrivate.send(viaApi).getCode()).isEqualTo(405);
            assertThat(outcome(carol.client().sendPrivate("bl-bob", "RC:TxtMsg", text("from carol")))).isZero();
            assertThat(outcome(bob.client().sendPrivate("bl-alice", "RC:TxtMsg", text("bob may still write")))).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.inbox().size() == 2);
            assertThat(bob.inbox()).extracting(message -> message.fromUserId()).doesNotContain("bl-alice");

            assertThat(rongCloud.user.blackList.remove(list).getCode()).isEqualTo(200);
            assertThat(rongCloud.user.blackList.getList(new UserModel().setId("bl-bob")).getUsers()).isEmpty();
            assertThat(outcome(alice.client().sendPrivate("bl-bob", "RC:TxtMsg", text("hi again")))).isZero();
        }
    }

    @Test
    void inWhitelistModeOnlyWhitelistedUsersMayMessageTheUser() throws Exception {
        UserModel list = new UserModel().setId("wl-dave").setWhitelist(new UserModel[] {new UserModel().setId("wl-erin")});
        assertThat(rongCloud.user.whiteList.add(list).getCode()).isEqualTo(200);
        PWhiteListResult query = rongCloud.user.whiteList.getList(new UserModel().setId("wl-dave"));
        assertThat(query.getUsers()).extracting(UserModel::getId).containsExactly("wl-erin");

        try (Device erin = connect(server, "wl-erin"); Device frank = connect(server, "wl-frank");
                Device dave = connect(server, "wl-dave")) {
            assertThat(outcome(frank.client().sendPrivate("wl-dave", "RC:TxtMsg", text("hi dave")))).isEqualTo(405);
            assertThat(outcome(erin.client().sendPrivate("wl-dave", "RC:TxtMsg", text("from erin")))).isZero();
            assertThat(outcome(dave.client().sendPrivate("wl-frank", "RC:TxtMsg", text("frank has no list")))).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> dave.inbox().size() == 2);

            assertThat(rongCloud.user.whiteList.remove(list).getCode()).isEqualTo(200);
            assertThat(outcome(frank.client().sendPrivate("wl-dave", "RC:TxtMsg", text("an empty list is off")))).isZero();
        }
    }
}
