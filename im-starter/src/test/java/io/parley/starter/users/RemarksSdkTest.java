package io.parley.starter.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.rong.RongCloud;
import io.rong.models.group.GroupMember;
import io.rong.models.group.GroupModel;
import io.rong.models.response.GetUserRemarksResult;
import io.rong.models.response.GroupRemarkModel;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push aliases through RongCloud's server SDK 3.3.1: the remarks a user gives other users ({@code /user/remarks/*})
 * and a member's alias in a group ({@code /group/remarks/*}). The SDK sends both without URL-encoding them, so the
 * remarks here hold spaces and Chinese, as an integrator's would.
 */
class RemarksSdkTest {
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

    /**
     * The SDK's remark entries ({@code id}, {@code remark}) as {@code id=remark} strings, in order. The SDK declares
     * their class private, so they are read reflectively.
     */
    private static List<String> entries(GetUserRemarksResult result) {
        Object users = result.getUsers();
        List<String> entries = new ArrayList<>();
        for (Object user : (List<?>) users) {
            try {
                Method id = user.getClass().getMethod("getId");
                Method remark = user.getClass().getMethod("getRemark");
                id.setAccessible(true);
                remark.setAccessible(true);
                entries.add(id.invoke(user) + "=" + remark.invoke(user));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return entries;
    }

    @Test
    void aUsersRemarksAreSetReplacedPagedAndDeleted() throws Exception {
        assertThat(rongCloud.user.remark.set("rm-ann",
                "[{\"id\":\"rm-cat\",\"remark\":\"Cat\"},{\"id\":\"rm-bob\",\"remark\":\"Bob 老板\"}]").getCode())
                .isEqualTo(200);
        GetUserRemarksResult all = rongCloud.user.remark.get("rm-ann");
        assertThat(all.getCode()).isEqualTo(200);
        assertThat(all.getTotal()).isEqualTo(2);
        assertThat(entries(all)).containsExactly("rm-bob=Bob 老板", "rm-cat=Cat");

        assertThat(rongCloud.user.remark.set("rm-ann", "[{\"id\":\"rm-bob\",\"remark\":\"Robert\"}]").getCode())
                .isEqualTo(200);
        assertThat(entries(rongCloud.user.remark.get("rm-ann"))).containsExactly("rm-bob=Robert", "rm-cat=Cat");
        GetUserRemarksResult second = rongCloud.user.remark.get("rm-ann", 2, 1);
        assertThat(second.getTotal()).isEqualTo(2);
        assertThat(entries(second)).containsExactly("rm-cat=Cat");
        assertThat(rongCloud.user.remark.get("rm-bob").getTotal()).as("remarks are the owner's own").isZero();

        assertThat(rongCloud.user.remark.del("rm-ann", "rm-bob").getCode()).isEqualTo(200);
        assertThat(entries(rongCloud.user.remark.get("rm-ann"))).containsExactly("rm-cat=Cat");
        assertThat(rongCloud.user.remark.del("rm-ann", "rm-bob").getCode()).as("deleting again").isEqualTo(200);

        // the object form some callers send ({"<id>":"<remark>"}) is read too
        assertThat(server.serverApi().post("/user/remarks/set.json", "userId", "rm-ann", "remarks",
                "{\"rm-dan\":\"Dan\"}").code()).isEqualTo(200);
        assertThat(entries(rongCloud.user.remark.get("rm-ann"))).containsExactly("rm-cat=Cat", "rm-dan=Dan");
    }

    @Test
    void badUserRemarkCallsAreRefusedWith1002() throws Exception {
        assertThat(rongCloud.user.remark.set("rm-eve", "not json").getCode()).isEqualTo(1002);
        assertThat(rongCloud.user.remark.set("rm-eve", "[{\"id\":\"rm-fay\"}]").getCode()).isEqualTo(1002);
        assertThat(rongCloud.user.remark.set("rm-eve", "[{\"id\":\"bad id!\",\"remark\":\"x\"}]").getCode())
                .isEqualTo(1002);
        assertThat(rongCloud.user.remark.set("rm-eve", "[{\"id\":\"rm-fay\",\"remark\":\"" + "x".repeat(129) + "\"}]")
                .getCode()).isEqualTo(1002);
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "{\"id\":\"u" + i + "\",\"remark\":\"r\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(rongCloud.user.remark.set("rm-eve", tooMany).getCode()).isEqualTo(1002);
        assertThat(rongCloud.user.remark.get("rm-eve", 1, 51).getCode()).isEqualTo(1002);
        assertThat(rongCloud.user.remark.get("rm-eve").getTotal()).as("nothing was set").isZero();

        ServerApiClient.Answer missing = server.serverApi().post("/user/remarks/set.json", "userId", "rm-eve");
        assertThat(missing.code()).isEqualTo(1002);
        assertThat(missing.body().path("errorMessage").asText()).contains("remarks");
        assertThat(server.serverApi().post("/user/remarks/del.json", "userId", "rm-eve").body().path("errorMessage")
                .asText()).contains("targetId");
    }

    @Test
    void aMembersAliasInAGroupIsSetReadAndDeletedAndAnUnknownGroupIs1015() throws Exception {
        GroupMember[] members = {new GroupMember().setId("rm-gil"), new GroupMember().setId("rm-hank")};
        assertThat(rongCloud.group.create(new GroupModel().setId("rm-hikers").setName("Hikers").setMembers(members))
                .getCode()).isEqualTo(200);

        assertThat(rongCloud.group.remark.set("rm-gil", "rm-hikers", "Gil 队长").getCode()).isEqualTo(200);
        GroupRemarkModel alias = rongCloud.group.remark.get("rm-gil", "rm-hikers");
        assertThat(alias.getCode()).isEqualTo(200);
        assertThat(alias.getRemark()).isEqualTo("Gil 队长");
        assertThat(rongCloud.group.remark.get("rm-hank", "rm-hikers").getRemark()).as("no alias").isEmpty();

        assertThat(rongCloud.group.remark.set("rm-gil", "rm-hikers", "Gil").getCode()).isEqualTo(200);
        assertThat(rongCloud.group.remark.get("rm-gil", "rm-hikers").getRemark()).isEqualTo("Gil");
        assertThat(rongCloud.group.remark.del("rm-gil", "rm-hikers").getCode()).isEqualTo(200);
        assertThat(rongCloud.group.remark.get("rm-gil", "rm-hikers").getRemark()).isEmpty();
        assertThat(rongCloud.group.remark.del("rm-gil", "rm-hikers").getCode()).as("deleting again").isEqualTo(200);

        assertThat(rongCloud.group.remark.set("rm-gil", "rm-nowhere", "Gil").getCode()).isEqualTo(1015);
        assertThat(rongCloud.group.remark.get("rm-gil", "rm-nowhere").getCode()).isEqualTo(1015);
        ServerApiClient.Answer missing = server.serverApi().post("/group/remarks/set.json", "userId", "rm-gil",
                "groupId", "rm-hikers");
        assertThat(missing.code()).isEqualTo(1002);
        assertThat(missing.body().path("errorMessage").asText()).contains("remark");
    }
}
