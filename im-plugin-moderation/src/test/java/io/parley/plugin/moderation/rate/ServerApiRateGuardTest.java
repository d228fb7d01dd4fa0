package io.parley.plugin.moderation.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.cluster.SharedRateLimits;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.ApiRequest;
import io.parley.plugin.moderation.CountingMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-endpoint limits on one node, with a clock that moves only when told to. */
class ServerApiRateGuardTest {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000_000L);
    private final CountingMetrics metrics = new CountingMetrics();

    private ServerApiRateGuard guard(ServerApiLimits limits) {
        return new ServerApiRateGuard(limits, metrics, nanos::get);
    }

    private static boolean admitted(ServerApiRateGuard guard, String path) {
        try {
            guard.check(new ApiRequest(path, Map.of(), Optional.empty()));
            return true;
        } catch (ImException e) {
            assertThat(e.errorCode()).isEqualTo(StandardErrorCode.RATE_LIMITED);
            return false;
        }
    }

    private static int admittedOf(ServerApiRateGuard guard, String path, int calls) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            if (admitted(guard, path)) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void groupMemberQueriesHaveABudgetOfTheirOwnBesideGroupMessages() {
        ServerApiRateGuard guard = guard(ServerApiLimits.defaults());

        assertThat(admittedOf(guard, "/message/group/publish.json", 150)).as("group messages: 20 a second")
                .isEqualTo(20);
        assertThat(admittedOf(guard, "/group/user/query.json", 150))
                .as("group-member queries: their own 100 a second, untouched by the group messages").isEqualTo(100);
        assertThat(admittedOf(guard, "/statusmessage/group/publish.json", 30)).isEqualTo(20);
        assertThat(admittedOf(guard, "/group/create.json", 150)).as("the default: 100 a second").isEqualTo(100);

        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(admittedOf(guard, "/message/group/publish.json", 150)).as("half a second refills half").isEqualTo(10);
        assertThat(admittedOf(guard, "/group/user/query.json", 150)).isEqualTo(50);
        assertThat(metrics.count("im.moderation.api.ratelimited", "endpoint", "/message/group/publish.json"))
                .isEqualTo(130 + 140);
    }

    @Test
    void getTokenIsLimitedTo200ASecond() {
        ServerApiRateGuard guard = guard(ServerApiLimits.defaults());

        assertThat(admittedOf(guard, "/user/getToken.json", 500)).isEqualTo(200);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(admittedOf(guard, "/user/getToken.json", 500)).isEqualTo(200);
    }

    @Test
    void theRefusalNamesTheEndpointAndItsLimit() {
        ServerApiRateGuard guard = guard(ServerApiLimits.defaults());
        admittedOf(guard, "/message/group/publish.json", 20);

        assertThatThrownBy(() -> guard.check(new ApiRequest("/message/group/publish.json", Map.of(), Optional.empty())))
                .isInstanceOf(ImException.class)
                .hasMessage("too many calls to /message/group/publish.json: its limit is 20 per second (20/1s); "
                        + "try again later")
                .extracting(e -> ((ImException) e).errorCode()).isEqualTo(StandardErrorCode.RATE_LIMITED);
    }

    @Test
    void everyWindowOfALimitMustAdmitACall() {
        ServerApiRateGuard guard = guard(ServerApiLimits.defaults());

        assertThat(admittedOf(guard, "/push.json", 5)).as("2 an hour").isEqualTo(2);
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(admittedOf(guard, "/push.json", 5)).as("the hour refilled, but only 1 of the day's 3 is left")
                .isEqualTo(1);
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(admittedOf(guard, "/push.json", 5)).as("an hour refills an eighth of a day's window").isZero();
        nanos.addAndGet(Duration.ofHours(22).toNanos());
        assertThat(admittedOf(guard, "/push.json", 5)).isEqualTo(2);
        assertThat(admittedOf(guard, "/message/broadcast.json", 5)).as("its own budget").isEqualTo(2);
    }

    @Test
    void aConfiguredLimitOrOffTakesEffect() {
        Map<String, EndpointLimit> byPath = new TreeMap<>(ServerApiLimits.defaults().byPath());
        byPath.put("/group/user/query.json", EndpointLimit.of(200, Duration.ofSeconds(1)));
        byPath.put("/message/group/publish.json", EndpointLimit.OFF);
        ServerApiRateGuard guard = guard(new ServerApiLimits(true, RongCloudLimits.DEFAULT, byPath));

        assertThat(admittedOf(guard, "/group/user/query.json", 300)).isEqualTo(200);
        assertThat(admittedOf(guard, "/message/group/publish.json", 300)).isEqualTo(300);
    }

    @Test
    void theDefaultOffLeavesOnlyTheEndpointsWithALimitOfTheirOwn() {
        ServerApiRateGuard guard = guard(new ServerApiLimits(true, EndpointLimit.OFF,
                ServerApiLimits.defaults().byPath()));

        assertThat(admittedOf(guard, "/group/create.json", 300)).isEqualTo(300);
        assertThat(admittedOf(guard, "/message/group/publish.json", 300)).isEqualTo(20);
        assertThat(guard.trackedOtherEndpoints()).isZero();
    }

    @Test
    void bucketsOfEndpointsWithTheDefaultAreBounded() {
        ServerApiRateGuard guard = guard(ServerApiLimits.defaults());

        for (int i = 0; i < 10_000; i++) {
            assertThat(admitted(guard, "/plugin/endpoint" + i + ".json")).isTrue();
        }
        assertThat(guard.trackedOtherEndpoints()).isEqualTo(ServerApiRateGuard.MAX_OTHER_ENDPOINTS);
    }

    @Test
    void withSharedLimitsEveryWindowIsCountedInTheSharedStoreShortestFirst() {
        List<String> asked = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        SharedRateLimits shared = (key, limit, period) -> {
            asked.add(key + " " + limit + " " + period);
            return counts.merge(key, 1, Integer::sum) <= limit;
        };
        ServerApiRateGuard guard = new ServerApiRateGuard(ServerApiLimits.defaults(), metrics, nanos::get,
                Optional.of(shared));

        assertThat(admittedOf(guard, "/push.json", 4)).isEqualTo(2);
        assertThat(asked).startsWith("moderation.api:/push.json:2/1h 2 PT1H", "moderation.api:/push.json:3/1d 3 PT24H",
                "moderation.api:/push.json:2/1h 2 PT1H", "moderation.api:/push.json:3/1d 3 PT24H",
                "moderation.api:/push.json:2/1h 2 PT1H");
        assertThat(asked).as("a call the hour refuses does not count against the day")
                .filteredOn(line -> line.contains("3/1d")).hasSize(2);
        assertThat(admittedOf(guard, "/group/user/query.json", 120)).isEqualTo(100);
    }
}
