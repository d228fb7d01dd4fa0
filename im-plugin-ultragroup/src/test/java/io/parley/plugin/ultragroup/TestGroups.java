package io.parley.plugin.ultragroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testkit.ServerApiClient;

/** Sets ultragroups up through the server API (the testkit's client), checking every answer. */
final class TestGroups {
    private TestGroups() {
    }

    static void create(ServerApiClient api, String groupId, String owner, String... members) {
        ok(api.post("/ultragroup/create.json", "groupId", groupId, "userId", owner, "groupName", groupId));
        for (String member : members) {
            ok(api.post("/ultragroup/join.json", "groupId", groupId, "userId", member));
        }
    }

    static void channel(ServerApiClient api, String groupId, String channelId, int type) {
        ok(api.post("/ultragroup/channel/create.json", "groupId", groupId, "busChannel", channelId,
                "type", String.valueOf(type)));
    }

    static ServerApiClient.Answer ok(ServerApiClient.Answer answer) {
        assertThat(answer.code()).as("answer %s", answer.body()).isEqualTo(200);
        return answer;
    }
}
