package io.parley.plugin.moderation.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import io.rong.RongCloud;
import io.rong.models.group.GroupModel;
import io.rong.models.response.GroupUserQueryResult;
import io.rong.models.response.TokenResult;
import io.rong.models.user.UserModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-API limits per endpoint, end to end through RongCloud's server SDK and raw signed calls: one server with
 * RongCloud's documented defaults, one with limits configured per endpoint.
 */
class EndpointRateLimitTest {
    @TempDir
    static Path dir;

    static EmbeddedParley defaults;
    static EmbeddedParley configured;
    static ExecutorService callers;

    @BeforeAll
    static void start() throws Exception {
        defaults = EmbeddedParley.start(Files.createDirectories(dir.resolve("defaults")),
                "moderation.rate.server-api.enabled", "true");
        configured = EmbeddedParley.start(Files.createDirectories(dir.resolve("configured")),
                "moderation.rate.server-api.group.user.query", "200/1s",
                "moderation.rate.server-api.user.getToken", "3/10m");
        callers = Executors.newFixedThreadPool(150);
    }

    @AfterAll
    static void stop() throws Exception {
        callers.shutdownNow();
        callers.awaitTermination(30, TimeUnit.SECONDS);
        defaults.close();
        configured.close();
    }

    /** Runs {@code calls} at once, each on its own thread, and returns what each answered. */
    private static <T> List<T> inParallel(int calls, Callable<T> call) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            futures.add(callers.submit(call));
        }
        List<T> answers = new ArrayList<>();
        for (Future<T> future : futures) {
            answers.add(future.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    @Test
    void groupMemberQueriesAreServedBesideGroupMessagesOverTheirBudget() throws Exception {
        RongCloud rongCloud = RongCloud.getInstance(defaults.appKey(), defaults.appSecret(), defaults.baseUrl());
        ServerApiClient api = defaults.serverApi();
        assertThat(api.post("/group/create.json", "groupId", "crowd", "groupName", "Crowd", "userId", "ann",
                "userId", "bob").code()).isEqualTo(200);

        long start = System.nanoTime();
        List<ServerApiClient.Answer> publishes = inParallel(150, () -> api.post("/message/group/publish.json",
                "fromUserId", "bot", "toGroupId", "crowd", "objectName", "RC:TxtMsg",
                "content", Clients.text("hello crowd")));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<ServerApiClient.Answer> refused = publishes.stream().filter(answer -> answer.code() == 1008).toList();
        assertThat(publishes).as("each publish is served or refused for its rate")
                .allSatisfy(answer -> assertThat(answer.code()).isIn(200, 1008));
        assertThat(publishes.size() - refused.size()).as("served in %.1f s: a full window of 20, then 20 a second",
                seconds).isLessThanOrEqualTo(20 + (int) Math.ceil(20 * seconds));
        assertThat(refused).as("150 group messages at once are beyond their 20 a second").isNotEmpty()
                .allSatisfy(answer -> {
                    assertThat(answer.status()).isEqualTo(429);
                    assertThat(answer.body().path("errorMessage").asText()).isEqualTo(
                            "too many calls to /message/group/publish.json: its limit is 20 per second (20/1s); "
                                    + "try again later");
                });

        List<Integer> queries = inParallel(100, () -> rongCloud.group.get(new GroupModel().setId("crowd")).getCode());
        assertThat(queries).as("100 member queries at once, within their own 100 a second").hasSize(100)
                .containsOnly(200);
    }

    @Test
    void aConfiguredLimitLets150ParallelMemberQueriesThrough() throws Exception {
        RongCloud rongCloud = RongCloud.getInstance(configured.appKey(), configured.appSecret(), configured.baseUrl());

        List<GroupUserQueryResult> answers = inParallel(150,
                () -> rongCloud.group.get(new GroupModel().setId("crowd")));

        assertThat(answers).extracting(GroupUserQueryResult::getCode).hasSize(150).containsOnly(200);
    }

    @Test
    void getTokenHasALimitAndTheConfiguredOneHolds() throws Exception {
        RongCloud rongCloud = RongCloud.getInstance(configured.appKey(), configured.appSecret(), configured.baseUrl());
        for (int i = 0; i < 3; i++) {
            TokenResult token = rongCloud.user.register(new UserModel().setId("user-" + i).setName("User " + i)
                    .setPortrait("http://example.com/" + i + ".png"));
            assertThat(token.getCode()).as("token %d", i + 1).isEqualTo(200);
        }
        assertThat(rongCloud.user.register(new UserModel().setId("user-3").setName("User 3")
                .setPortrait("http://example.com/3.png")).getCode()).isEqualTo(1008);

        ServerApiClient.Answer raw = configured.serverApi().post("/user/getToken.json", "userId", "user-4",
                "name", "User 4");
        assertThat(raw.status()).isEqualTo(429);
        assertThat(raw.body().path("errorMessage").asText())
                .isEqualTo("too many calls to /user/getToken.json: its limit is 3 per 10m (3/10m); try again later");
        assertThat(configured.serverApi().post("/user/checkOnline.json", "userId", "user-0").code())
                .as("another endpoint keeps its own budget").isEqualTo(200);
    }
}
