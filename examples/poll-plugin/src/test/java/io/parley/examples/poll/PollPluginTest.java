package io.parley.examples.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.error.StandardErrorCode;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.PluginChecks;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin in a real server (every plugin on the test class path, this one included), used by real clients and
 * the signed server API, as an app would use it.
 */
class PollPluginTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int GROUP = 3;

    @TempDir
    static Path dataDir;

    static EmbeddedParley server;
    static ServerApiClient api;

    @BeforeAll
    static void start() {
        server = EmbeddedParley.start(dataDir);
        api = server.serverApi();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Creates a group through the server API, as the app server does. */
    private static void group(String groupId, String... members) {
        assertThat(api.post("/group/create.json", "groupId", groupId, "groupName", groupId, "userId",
                String.join(",", members)).code()).isEqualTo(200);
    }

    private static String createPoll(Member member, String groupId, String question, String... options) {
        return (String) member.command("poll.create", Map.of("conversationType", GROUP, "targetId", groupId,
                "question", question, "options", List.of(options))).get("pollId");
    }

    private static Map<String, Object> vote(Member member, String pollId, int option) {
        return member.command("poll.vote", Map.of("pollId", pollId, "option", option));
    }

    private static List<Integer> counts(JsonNode tally) {
        return java.util.stream.StreamSupport.stream(tally.path("counts").spliterator(), false)
                .map(JsonNode::asInt).toList();
    }

    @Test
    void theServiceLoaderFindsThePlugin() {
        assertThat(PluginChecks.discoveredOnce(PollPlugin.class).name()).isEqualTo("poll");
    }

    @Test
    void membersVoteAndEveryDeviceIsToldEachTally() {
        group("lunch", "alice", "bob", "carol");
        try (Member alice = Member.online(server, "alice"); Member bob = Member.online(server, "bob");
                Member carol = Member.online(server, "carol")) {
            String pollId = createPoll(alice, "lunch", "Where to?", "pizza", "sushi", "salad");

            // the poll is a message of the group, from its creator, on every member's devices
            for (Member member : List.of(alice, bob, carol)) {
                await().atMost(WAIT).until(() -> member.received(PollService.POLL_MESSAGE).size() == 1);
                ReceivedMessage poll = member.received(PollService.POLL_MESSAGE).get(0);
                assertThat(poll.fromUserId()).isEqualTo("alice");
                assertThat(poll.targetId()).isEqualTo("lunch");
                assertThat(poll.persisted()).isTrue();
                assertThat(Member.json(poll.content()).path("pollId").asText()).isEqualTo(pollId);
                assertThat(Member.json(poll.content()).path("options").toString())
                        .isEqualTo("[\"pizza\",\"sushi\",\"salad\"]");
            }

            assertThat(vote(alice, pollId, 1)).containsEntry("counts", List.of(0, 1, 0)).containsEntry("voters", 1);
            vote(bob, pollId, 1);
            assertThat(vote(carol, pollId, 0)).containsEntry("counts", List.of(1, 2, 0));
            // a second vote replaces the first
            assertThat(vote(bob, pollId, 2)).containsEntry("counts", List.of(1, 1, 1)).containsEntry("voters", 3);

            for (Member member : List.of(alice, bob, carol)) {
                await().atMost(WAIT).until(() -> member.tallies().size() == 4);
                assertThat(member.tallies()).map(PollPluginTest::counts).containsExactly(
                        List.of(0, 1, 0), List.of(0, 2, 0), List.of(1, 2, 0), List.of(1, 1, 1));
                assertThat(member.notices).hasSize(4).allSatisfy(notice -> {
                    assertThat(notice.notice()).isTrue();
                    assertThat(notice.fromUserId()).isEqualTo("plugin:poll");
                    assertThat(notice.targetId()).isEqualTo("lunch");
                    assertThat(notice.persisted()).isFalse();
                    assertThat(notice.counted()).isFalse();
                });
                // a notice is never handed to the app as a message
                assertThat(member.received(PollService.CHANGED_NOTICE)).isEmpty();
            }
            assertThat(bob.command("poll.results", Map.of("pollId", pollId)))
                    .containsEntry("question", "Where to?").containsEntry("options", List.of("pizza", "sushi", "salad"))
                    .containsEntry("counts", List.of(1, 1, 1)).containsEntry("closed", false)
                    .containsEntry("myVote", 2);
        }
    }

    @Test
    void aMemberOfflineDuringTheVotesIsToldTheTalliesWhenItSyncs() {
        group("book-club", "dana", "erik", "fay");
        try (Member dana = Member.online(server, "dana"); Member erik = Member.online(server, "erik");
                Member fay = Member.online(server, "fay")) {
            String pollId = createPoll(dana, "book-club", "Next book?", "Dune", "Emma");
            await().atMost(WAIT).until(() -> fay.received(PollService.POLL_MESSAGE).size() == 1);
            fay.disconnect();

            vote(dana, pollId, 0);
            vote(erik, pollId, 0);
            vote(erik, pollId, 1);
            await().atMost(WAIT).until(() -> dana.tallies().size() == 3);
            assertThat(fay.tallies()).isEmpty();

            fay.connect();
            await().atMost(WAIT).until(() -> fay.tallies().size() == 3);
            assertThat(fay.tallies()).map(PollPluginTest::counts)
                    .containsExactly(List.of(1, 0), List.of(2, 0), List.of(1, 1));
            assertThat(fay.received(PollService.POLL_MESSAGE)).hasSize(1);   // synced from the cursor: nothing twice
            assertThat(vote(fay, pollId, 1)).containsEntry("counts", List.of(1, 2));
        }
    }

    @Test
    void noticesStayOutOfHistoryAndTheConversationList() {
        group("garden", "gus", "hana");
        try (Member gus = Member.online(server, "gus"); Member hana = Member.online(server, "hana")) {
            String pollId = createPoll(gus, "garden", "Plant what?", "roses", "tulips");
            vote(gus, pollId, 0);
            vote(hana, pollId, 1);
            await().atMost(WAIT).until(() -> hana.tallies().size() == 2);

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> history = (List<Map<String, Object>>) hana.command("history.query",
                    Map.of("conversationType", GROUP, "targetId", "garden", "limit", 50)).get("messages");
            assertThat(history).extracting(message -> message.get("objectName"))
                    .contains(PollService.POLL_MESSAGE).doesNotContain(PollService.CHANGED_NOTICE);

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> conversations =
                    (List<Map<String, Object>>) hana.command("conversation.list", Map.of()).get("conversations");
            assertThat(conversations).filteredOn(entry -> "garden".equals(entry.get("targetId"))).singleElement()
                    .satisfies(entry -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> last = (Map<String, Object>) entry.get("lastMessage");
                        assertThat(last).containsEntry("objectName", PollService.POLL_MESSAGE);
                        // the poll from gus is hana's one unread message: the tallies do not count
                        assertThat(entry.get("unreadCount")).isEqualTo(1);
                    });
        }
    }

    @Test
    void onlyMembersOfTheConversationCreateVoteOrReadResults() {
        group("staff", "ivan", "jo");
        try (Member ivan = Member.online(server, "ivan"); Member jo = Member.online(server, "jo");
                Member mallory = Member.online(server, "mallory")) {
            String pollId = createPoll(ivan, "staff", "Offsite?", "yes", "no");

            assertThat(mallory.refusal("poll.vote", Map.of("pollId", pollId, "option", 0)))
                    .isEqualTo(PollErrorCode.NOT_A_MEMBER.code());
            assertThat(mallory.refusal("poll.results", Map.of("pollId", pollId)))
                    .isEqualTo(PollErrorCode.NOT_A_MEMBER.code());
            assertThat(mallory.refusal("poll.create", Map.of("conversationType", GROUP, "targetId", "staff",
                    "question", "Mine?", "options", List.of("a", "b")))).isEqualTo(PollErrorCode.NOT_A_MEMBER.code());

            // who leaves the group leaves its polls
            assertThat(api.post("/group/quit.json", "groupId", "staff", "userId", "jo").code()).isEqualTo(200);
            assertThat(jo.refusal("poll.vote", Map.of("pollId", pollId, "option", 1)))
                    .isEqualTo(PollErrorCode.NOT_A_MEMBER.code());

            assertThat(ivan.command("poll.results", Map.of("pollId", pollId))).containsEntry("voters", 0)
                    .doesNotContainKey("myVote");
            assertThat(mallory.received(PollService.POLL_MESSAGE)).isEmpty();
        }
    }

    @Test
    void theAppServerQueriesAndClosesAPollAndMembersAreTold() {
        group("standup", "kim", "lee");
        try (Member kim = Member.online(server, "kim"); Member lee = Member.online(server, "lee")) {
            String pollId = createPoll(kim, "standup", "Move it to 10:00?", "yes", "no");
            vote(kim, pollId, 0);
            vote(lee, pollId, 0);

            ServerApiClient.Answer query = api.post("/poll/query.json", "pollId", pollId);
            assertThat(query.code()).isEqualTo(200);
            assertThat(query.body().path("counts").toString()).isEqualTo("[2,0]");
            assertThat(query.body().path("question").asText()).isEqualTo("Move it to 10:00?");

            ServerApiClient.Answer closed = api.post("/poll/close.json", "pollId", pollId);
            assertThat(closed.code()).isEqualTo(200);
            assertThat(closed.body().path("closed").asBoolean()).isTrue();
            await().atMost(WAIT).until(() -> lee.tallies().size() == 3);
            assertThat(lee.tallies().get(2).path("closed").asBoolean()).isTrue();

            assertThat(lee.refusal("poll.vote", Map.of("pollId", pollId, "option", 1)))
                    .isEqualTo(PollErrorCode.POLL_CLOSED.code());
            assertThat(lee.command("poll.results", Map.of("pollId", pollId))).containsEntry("counts", List.of(2, 0))
                    .containsEntry("closed", true);
            assertThat(api.post("/poll/query.json", "pollId", "no-such-poll").code())
                    .isEqualTo(PollErrorCode.POLL_NOT_FOUND.code());
        }
    }

    @Test
    void malformedRequestsAreRefusedWithAReason() {
        group("chess", "max", "nia");
        try (Member max = Member.online(server, "max")) {
            String pollId = createPoll(max, "chess", "Opening?", "e4", "d4");

            assertThat(max.refusal("poll.vote", Map.of("pollId", pollId, "option", 2)))
                    .isEqualTo(PollErrorCode.NO_SUCH_OPTION.code());
            assertThat(max.refusal("poll.vote", Map.of("pollId", "no-such-poll", "option", 0)))
                    .isEqualTo(PollErrorCode.POLL_NOT_FOUND.code());
            int invalid = StandardErrorCode.INVALID_PARAMETER.code();
            assertThat(max.refusal("poll.vote", Map.of("pollId", pollId))).isEqualTo(invalid);
            assertThat(max.refusal("poll.create", Map.of("conversationType", GROUP, "targetId", "chess",
                    "question", "Only one?", "options", List.of("yes")))).isEqualTo(invalid);
            assertThat(max.refusal("poll.create", Map.of("conversationType", GROUP, "targetId", "chess",
                    "question", "Twice?", "options", List.of("same", "same")))).isEqualTo(invalid);
            assertThat(max.refusal("poll.create", Map.of("conversationType", GROUP, "targetId", "chess",
                    "question", " ", "options", List.of("a", "b")))).isEqualTo(invalid);
            assertThat(api.post("/poll/close.json").code()).isEqualTo(invalid);
        }
    }
}
