package io.parley.starter.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.client.CursorStore;
import io.parley.client.ImClient;
import io.parley.client.ImClientException;
import io.parley.testkit.EmbeddedParley;
import io.rong.RongCloud;
import io.rong.models.group.GroupMember;
import io.rong.models.group.GroupModel;
import io.rong.models.user.UserModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code user.info} and {@code group.info}: names and portraits the app registered, for the users a caller may see. */
class ProfileCommandsTest {
    @TempDir
    Path dataDir;

    EmbeddedParley server;
    RongCloud rongCloud;
    final List<ImClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = EmbeddedParley.start(dataDir);
        rongCloud = RongCloud.getInstance(server.appKey(), server.appSecret(), server.baseUrl());
        for (String[] user : new String[][] {{"ann", "Ann Lee"}, {"bob", "Bob Roe"}, {"cid", "Cid Poe"},
                {"dan", "Dan Day"}, {"eve", "Eve Ng"}}) {
            rongCloud.user.register(new UserModel().setId(user[0]).setName(user[1])
                    .setPortrait("https://img.example/" + user[0] + ".png"));
        }
    }

    @AfterEach
    void stop() {
        clients.forEach(ImClient::close);
        server.close();
    }

    private ImClient connect(String userId) {
        ImClient client = server.client(userId, userId + "-pc", "PC").cursorStore(CursorStore.inMemory()).build();
        client.connect().join();
        clients.add(client);
        return client;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> answer, String name) {
        return (List<Map<String, Object>>) answer.get(name);
    }

    @Test
    void aCallerSeesItselfItsGroupsMembersAndItsPrivatePeersOnly() throws Exception {
        rongCloud.group.create(new GroupModel().setId("g1").setName("Hikers")
                .setMembers(new GroupMember[] {new GroupMember().setId("ann"), new GroupMember().setId("bob")}));
        ImClient ann = connect("ann");
        ImClient cid = connect("cid");
        cid.sendPrivate("ann", "RC:TxtMsg", "{\"content\":\"hi\"}").join();

        Map<String, Object> answer = ann.command("user.info",
                Map.of("userIds", List.of("ann", "bob", "cid", "dan", "nobody"))).join();
        assertThat(list(answer, "users")).extracting(user -> user.get("userId")).containsExactly("ann", "bob", "cid");
        assertThat(list(answer, "users").get(1)).containsEntry("name", "Bob Roe")
                .containsEntry("portraitUri", "https://img.example/bob.png");

        // eve shares nothing with ann: left out, as an unknown id is
        Map<String, Object> eve = connect("eve").command("user.info", Map.of("userIds", List.of("ann", "eve"))).join();
        assertThat(list(eve, "users")).extracting(user -> user.get("userId")).containsExactly("eve");

        // a changed name is served at the next ask
        rongCloud.user.update(new UserModel().setId("bob").setName("Robert Roe").setPortrait("https://img.example/r.png"));
        Map<String, Object> again = ann.command("user.info", Map.of("userIds", List.of("bob"))).join();
        assertThat(list(again, "users").get(0)).containsEntry("name", "Robert Roe");
    }

    @Test
    void groupInfoAnswersForTheCallersGroupsOnly() throws Exception {
        rongCloud.group.create(new GroupModel().setId("g1").setName("Hikers")
                .setMembers(new GroupMember[] {new GroupMember().setId("ann"), new GroupMember().setId("bob")}));
        rongCloud.group.create(new GroupModel().setId("g2").setName("Secret")
                .setMembers(new GroupMember[] {new GroupMember().setId("cid")}));
        ImClient ann = connect("ann");
        Map<String, Object> answer = ann.command("group.info", Map.of("groupIds", List.of("g1", "g2", "g3"))).join();
        assertThat(list(answer, "groups")).hasSize(1);
        assertThat(list(answer, "groups").get(0)).containsEntry("groupId", "g1").containsEntry("name", "Hikers")
                .containsEntry("memberCount", 2);
    }

    @Test
    void aMissingOrTooLongListIsRefused() {
        ImClient ann = connect("ann");
        assertThat(ann.command("user.info", Map.of())).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(ImClientException.class,
                        error -> assertThat(error.code()).isEqualTo(1002));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("u" + i);
        }
        assertThat(ann.command("user.info", Map.of("userIds", many))).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingCause().isInstanceOf(ImClientException.class);
    }
}
