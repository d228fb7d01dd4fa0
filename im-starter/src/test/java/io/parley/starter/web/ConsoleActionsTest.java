package io.parley.starter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.client.ConnectionStatus;
import io.parley.client.ImClient;
import io.parley.testkit.ServerApiClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's look-ups and actions on a real server with real clients: each needs the console's login and, to
 * change anything, the session's CSRF token from the console's own origin; each acts through the server API's route
 * (its effect is seen by the server API and by the kicked client) and is written to the audit log; a bad parameter
 * is refused with a clear error and nothing is done.
 */
class ConsoleActionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("ops:console-secret".getBytes(StandardCharsets.UTF_8));
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private WebTestServer start() {
        // the conversation test publishes 25 group messages at once, past RongCloud's 20 a second for that endpoint
        return new WebTestServer(dataDir, Map.of("console.username", "ops", "console.password", "console-secret",
                "moderation.rate.server-api.message.group.publish", "off"), new WebEndpointFactory());
    }

    private static JsonNode get(WebTestServer web, String path) throws Exception {
        HttpResponse<String> answer = web.send(web.request(path).header("Authorization", BASIC).GET());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static String csrfToken(WebTestServer web) throws Exception {
        return get(web, "/console/api/session").path("csrfToken").asText();
    }

    private static HttpResponse<String> act(WebTestServer web, String action, String token, String json)
            throws Exception {
        HttpRequest.Builder request = web.request("/console/api/actions/" + action).header("Authorization", BASIC)
                .header("Content-Type", "application/json")
                .header("Origin", "http://127.0.0.1:" + web.server.httpPort())
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header(ConsoleOperations.TOKEN_HEADER, token);
        }
        return web.send(request);
    }

    private static ImClient connect(WebTestServer web, ServerApiClient api, String userId, String deviceId,
            String platform) {
        ImClient client = ImClient.builder().address("127.0.0.1", web.server.tcpPort()).token(api.token(userId))
                .deviceId(deviceId).platform(platform).build();
        client.connect().join();
        return client;
    }

    @Test
    void aLookUpShowsTheUsersDevicesAndAKickReachesTheKickedDeviceAndIsAudited() throws Exception {
        try (WebTestServer web = start()) {
            ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + web.server.httpPort(), "web-key",
                    "web-secret");
            try (ImClient phone = connect(web, api, "alice", "alice-phone", "Android");
                    ImClient desktop = connect(web, api, "alice", "alice-desktop", "iOS")) {
                assertThat(api.post("/group/create.json", "userId", "alice", "groupId", "crew", "groupName", "Crew")
                        .code()).isEqualTo(200);

                JsonNode user = get(web, "/console/api/user?userId=alice");
                List<String> devices = new ArrayList<>();
                user.path("devices").forEach(device -> devices.add(device.path("deviceId").asText() + "/"
                        + device.path("platform").asText()));
                assertThat(devices).containsExactlyInAnyOrder("alice-phone/ANDROID", "alice-desktop/IOS");
                assertThat(user.path("devices").get(0).path("connectedAt").asLong()).isPositive();
                assertThat(user.path("online").asBoolean()).isTrue();
                assertThat(user.path("blockedUntil").isNull()).isTrue();
                assertThat(user.path("groups").get(0).path("id").asText()).isEqualTo("crew");

                HttpResponse<String> kicked = act(web, "kick", csrfToken(web),
                        "{\"userId\":\"alice\",\"deviceId\":\"alice-phone\"}");
                assertThat(kicked.statusCode()).as(kicked.body()).isEqualTo(200);
                assertThat(JSON.readTree(kicked.body()).path("result").path("kicked").asInt()).isEqualTo(1);
                await().atMost(PATIENCE).until(() -> phone.status() == ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
                assertThat(desktop.status()).isEqualTo(ConnectionStatus.CONNECTED);

                JsonNode entry = get(web, "/console/api/audit").path("entries").get(0);
                assertThat(entry.path("user").asText()).isEqualTo("ops");
                assertThat(entry.path("action").asText()).isEqualTo("kick");
                assertThat(entry.path("route").asText()).isEqualTo("/user/kick.json");
                assertThat(entry.path("params").path("deviceId").asText()).isEqualTo("alice-phone");
                assertThat(entry.path("clientIp").asText()).startsWith("127.0.0.1");
                assertThat(entry.path("outcome").asText()).isEqualTo("ok");
                assertThat(entry.path("time").asLong()).isPositive();
            }
        }
    }

    @Test
    void blockAndUnblockGoThroughTheServerApiAndExpireTokensKicksEveryDevice() throws Exception {
        try (WebTestServer web = start()) {
            ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + web.server.httpPort(), "web-key",
                    "web-secret");
            String token = csrfToken(web);
            try (ImClient bob = connect(web, api, "bob", "bob-phone", "iOS")) {
                assertThat(act(web, "block", token, "{\"userId\":\"bob\",\"minute\":30}").statusCode()).isEqualTo(200);
                await().atMost(PATIENCE).until(() -> bob.status() != ConnectionStatus.CONNECTED);
            }
            JsonNode blocked = api.post("/user/block/query.json").body();
            assertThat(blocked.path("users").get(0).path("userId").asText()).isEqualTo("bob");
            assertThat(get(web, "/console/api/user?userId=bob").path("blockedUntil").asText()).isNotBlank();

            assertThat(act(web, "unblock", token, "{\"userId\":\"bob\"}").statusCode()).isEqualTo(200);
            assertThat(api.post("/user/block/query.json").body().path("users")).isEmpty();

            try (ImClient carol = connect(web, api, "carol", "carol-phone", "Android")) {
                assertThat(act(web, "expire-tokens", token, "{\"userId\":\"carol\"}").statusCode()).isEqualTo(200);
                await().atMost(PATIENCE).until(() -> carol.status() != ConnectionStatus.CONNECTED);
            }

            List<String> audited = new ArrayList<>();
            get(web, "/console/api/audit").path("entries").forEach(entry -> audited.add(entry.path("action").asText()));
            assertThat(audited).containsExactly("expire-tokens", "unblock", "block");
            JsonNode expire = get(web, "/console/api/audit?limit=1").path("entries").get(0);
            assertThat(expire.path("params").path("time").asLong()).as("filled in with the time now").isPositive();
        }
    }

    @Test
    void theAuditLogIsKeptInStorageAcrossARestart() throws Exception {
        try (WebTestServer web = start()) {
            assertThat(act(web, "block", csrfToken(web), "{\"userId\":\"mallory\",\"minute\":5}").statusCode())
                    .isEqualTo(200);
        }
        try (WebTestServer again = start()) {
            JsonNode entry = get(again, "/console/api/audit").path("entries").get(0);
            assertThat(entry.path("action").asText()).isEqualTo("block");
            assertThat(entry.path("params").path("userId").asText()).isEqualTo("mallory");
            // and the page's token still works: it is derived from the password, not from the process
            assertThat(act(again, "unblock", csrfToken(again), "{\"userId\":\"mallory\"}").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void actionsNeedTheLoginTheCsrfTokenAndTheConsolesOriginAndBadParametersAreRefusedClearly() throws Exception {
        try (WebTestServer web = start()) {
            String token = csrfToken(web);
            HttpResponse<String> anonymous = web.send(web.request("/console/api/actions/kick")
                    .header("Content-Type", "application/json").header(ConsoleOperations.TOKEN_HEADER, token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"alice\"}")));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(web.send(web.request("/console/api/user?userId=alice").GET()).statusCode()).isEqualTo(401);

            HttpResponse<String> noToken = act(web, "kick", null, "{\"userId\":\"alice\"}");
            assertThat(noToken.statusCode()).isEqualTo(403);
            assertThat(noToken.body()).contains(ConsoleOperations.TOKEN_HEADER);
            HttpResponse<String> wrongToken = act(web, "kick", "not-" + token, "{\"userId\":\"alice\"}");
            assertThat(wrongToken.statusCode()).isEqualTo(403);
            // the same on every node with the same password and after a restart; another password gives another
            assertThat(token).isEqualTo(ConsoleOperations.csrfToken("ops", java.util.Optional.of("console-secret")))
                    .isNotEqualTo(ConsoleOperations.csrfToken("ops", java.util.Optional.of("other-secret")));
            HttpResponse<String> otherSite = web.send(web.request("/console/api/actions/kick")
                    .header("Authorization", BASIC).header("Content-Type", "application/json")
                    .header(ConsoleOperations.TOKEN_HEADER, token).header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"alice\"}")));
            assertThat(otherSite.statusCode()).isEqualTo(403);
            assertThat(otherSite.body()).contains("evil.example");

            HttpResponse<String> missing = act(web, "block", token, "{\"userId\":\"alice\"}");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(missing.body()).path("code").asInt()).isEqualTo(1002);
            assertThat(JSON.readTree(missing.body()).path("message").asText()).contains("minute is required");
            HttpResponse<String> unknown = act(web, "block", token, "{\"userId\":\"alice\",\"minute\":5,\"hours\":1}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("takes no parameter hours");
            HttpResponse<String> noSuchAction = act(web, "format-disk", token, "{}");
            assertThat(noSuchAction.statusCode()).isEqualTo(400);
            assertThat(noSuchAction.body()).contains("no such console action: format-disk");
            HttpResponse<String> notJson = act(web, "kick", token, "userId=alice");
            assertThat(notJson.statusCode()).isEqualTo(400);

            // the route itself refuses a bad value: audited with its error, since the action was tried
            HttpResponse<String> refused = act(web, "block", token, "{\"userId\":\"alice\",\"minute\":0}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("minute must be 1 to");
            List<String> outcomes = new ArrayList<>();
            get(web, "/console/api/audit").path("entries").forEach(entry -> outcomes.add(entry.path("action").asText()
                    + ": " + entry.path("outcome").asText()));
            assertThat(outcomes).singleElement().asString().startsWith("block: error 1002");
        }
    }

    @Test
    void aConversationLookUpShowsMembersMutesAndLastMessagesAndARecallFromItIsCommitted() throws Exception {
        try (WebTestServer web = start()) {
            ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + web.server.httpPort(), "web-key",
                    "web-secret");
            assertThat(api.post("/group/create.json", "userId", "alice", "userId", "bob", "groupId", "crew",
                    "groupName", "Crew").code()).isEqualTo(200);
            assertThat(api.post("/group/user/gag/add.json", "userId", "bob", "groupId", "crew", "minute", "10").code())
                    .isEqualTo(200);
            for (int i = 1; i <= 25; i++) {
                assertThat(api.post("/message/group/publish.json", "fromUserId", "alice", "toGroupId", "crew",
                        "objectName", "RC:TxtMsg", "content", "{\"content\":\"note " + i + "\"}").code()).isEqualTo(200);
            }

            JsonNode conversation = await().atMost(PATIENCE).until(
                    () -> get(web, "/console/api/conversation?type=group&userId=alice&targetId=crew"),
                    answer -> answer.path("messages").size() == 20);
            List<String> members = new ArrayList<>();
            conversation.path("members").forEach(member -> members.add(member.asText()));
            assertThat(members).containsExactlyInAnyOrder("alice", "bob");
            assertThat(conversation.path("groupMuted").asBoolean()).isFalse();
            assertThat(conversation.path("mutedMembers").get(0).path("userId").asText()).isEqualTo("bob");
            JsonNode last = conversation.path("messages").get(19);
            assertThat(last.path("content").asText()).contains("note 25");
            assertThat(conversation.path("messages").get(0).path("content").asText()).contains("note 6");

            HttpResponse<String> recalled = act(web, "recall", csrfToken(web), JSON.writeValueAsString(Map.of(
                    "conversationType", "3", "fromUserId", last.path("fromUserId").asText(),
                    "targetId", last.path("recallTargetId").asText(), "messageUID", last.path("messageUID").asText(),
                    "sentTime", last.path("msgTime").asText(), "isAdmin", "1")));
            assertThat(recalled.statusCode()).as(recalled.body()).isEqualTo(200);
            JsonNode after = await().atMost(PATIENCE).until(
                    () -> get(web, "/console/api/conversation?type=group&userId=alice&targetId=crew"),
                    answer -> answer.path("messages").get(19).path("objectName").asText().equals("RC:RcCmd"));
            assertThat(after.path("messages").get(19).path("content").asText())
                    .contains(last.path("messageUID").asText());
            JsonNode entry = get(web, "/console/api/audit").path("entries").get(0);
            assertThat(entry.path("action").asText()).isEqualTo("recall");
            assertThat(entry.path("params").path("messageUID").asText()).isEqualTo(last.path("messageUID").asText());

            HttpResponse<String> badType = web.send(web.request("/console/api/conversation?type=room&userId=alice"
                    + "&targetId=crew").header("Authorization", BASIC).GET());
            assertThat(badType.statusCode()).isEqualTo(400);
            assertThat(badType.body()).contains("type must be private or group");
        }
    }

    @Test
    void sensitiveWordsAndSystemMessagesAreManagedThroughTheirRoutesAndOnlyChangesAreAudited() throws Exception {
        try (WebTestServer web = start()) {
            ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + web.server.httpPort(), "web-key",
                    "web-secret");
            String token = csrfToken(web);
            List<String> offered = new ArrayList<>();
            get(web, "/console/api/actions").path("actions").forEach(action -> offered.add(action.path("name").asText()));
            // every action of the catalogue names a route the server (with its bundled plugins) serves
            assertThat(offered).containsExactlyElementsOf(ConsoleActions.CATALOGUE.stream().map(ConsoleAction::name)
                    .toList());

            assertThat(act(web, "sensitive-word-add", token, "{\"word\":\"gizmo\",\"replaceWord\":\"***\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(api.post("/sensitiveword/list.json").body().path("words").toString()).contains("gizmo");
            HttpResponse<String> listed = act(web, "sensitive-words", token, "{}");
            assertThat(JSON.readTree(listed.body()).path("result").path("words").get(0).path("word").asText())
                    .isEqualTo("gizmo");

            try (ImClient dan = connect(web, api, "dan", "dan-phone", "Android")) {
                List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
                dan.addMessageListener(message -> received.add(message.objectName() + " " + message.content()));
                assertThat(act(web, "system-message", token, "{\"fromUserId\":\"ops-bot\",\"toUserId\":\"dan\","
                        + "\"objectName\":\"RC:TxtMsg\",\"content\":\"{\\\"content\\\":\\\"maintenance at 2\\\"}\"}")
                        .statusCode()).isEqualTo(200);
                await().atMost(PATIENCE).until(() -> received.stream().anyMatch(text -> text.contains("maintenance at 2")));
            }

            assertThat(act(web, "ultragroup-create", token, "{\"groupId\":\"town\",\"userId\":\"dan\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(act(web, "ultragroup-join", token, "{\"groupId\":\"town\",\"userId\":\"eve\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(api.post("/ultragroup/member/exist.json", "groupId", "town", "userId", "eve").body()
                    .path("status").asBoolean()).isTrue();
            assertThat(act(web, "chatroom-create", token, "{\"chatroomId\":\"lobby\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> rooms = act(web, "chatroom-query", token, "{\"chatroomId\":\"lobby\"}");
            assertThat(rooms.statusCode()).as(rooms.body()).isEqualTo(200);
            assertThat(rooms.body()).contains("lobby");

            List<String> audited = new ArrayList<>();
            get(web, "/console/api/audit").path("entries").forEach(entry -> audited.add(entry.path("action").asText()));
            assertThat(audited).containsExactly("chatroom-create", "ultragroup-join", "ultragroup-create",
                    "system-message", "sensitive-word-add");
        }
    }

    @Test
    void theHealthPageAndReadinessReadOneEvaluation() throws Exception {
        try (WebTestServer web = new WebTestServer(dataDir, Map.of("console.username", "ops",
                "console.password", "console-secret", "health.disk-free.amber", "100"), new WebEndpointFactory())) {
            JsonNode health = get(web, "/console/api/health");
            HttpResponse<String> readyAnswer = web.send(web.request("/health/ready").GET());
            assertThat(readyAnswer.statusCode()).isEqualTo(200);
            JsonNode ready = JSON.readTree(readyAnswer.body());
            assertThat(ready.path("status").asText()).isEqualTo("READY").isEqualTo(health.path("status").asText());
            List<String> pageChecks = new ArrayList<>();
            health.path("checks").forEach(check -> pageChecks.add(check.path("group").asText() + "/"
                    + check.path("name").asText() + "=" + check.path("level").asText()));
            List<String> readyChecks = new ArrayList<>();
            ready.path("checks").forEach(check -> readyChecks.add(check.path("group").asText() + "/"
                    + check.path("name").asText() + "=" + check.path("level").asText()));
            assertThat(pageChecks).contains("storage/writes=green", "storage/commit queue=green",
                    "storage/disk space=amber", "server/messages in flight=green", "cluster/this node=green");
            assertThat(readyChecks).isEqualTo(pageChecks);
            JsonNode disk = find(health, "disk space");
            assertThat(disk.path("threshold").asText()).isEqualTo("amber at 100% free or less, red at 5%");
            assertThat(disk.path("readiness").asText()).isEqualTo("none");
            assertThat(find(health, "writes").path("readiness").asText()).isEqualTo("not ready when red");
            assertThat(health.path("overall").asText()).isEqualTo("amber");
        }
    }

    @Test
    void anEventTheAppServerNeverTookBecomesADeadLetterThatTurnsTheWebhookCheckAmber() throws Exception {
        // port 9 (discard) refuses connections on 127.0.0.1; a 1-second retry window gives the event up at once
        try (WebTestServer web = new WebTestServer(dataDir, Map.of("console.username", "ops",
                "console.password", "console-secret", "routing.url", "http://127.0.0.1:9/parley-routing",
                "routing.include-server-api", "true", "routing.retry-initial", "100ms", "routing.retry-window", "1s"),
                new WebEndpointFactory())) {
            JsonNode before = get(web, "/console/api/health");
            assertThat(find(before, "dead letters").path("level").asText()).isEqualTo("green");
            assertThat(find(before, "outbox backlog").path("threshold").asText()).isEqualTo("amber at 1000, red at 10000");
            ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + web.server.httpPort(), "web-key",
                    "web-secret");
            assertThat(api.post("/message/private/publish.json", "fromUserId", "alice", "toUserId", "bob",
                    "objectName", "RC:TxtMsg", "content", "{\"content\":\"routed\"}").code()).isEqualTo(200);
            JsonNode dead = await().atMost(PATIENCE).until(() -> find(get(web, "/console/api/health"), "dead letters"),
                    check -> check.path("level").asText().equals("amber"));
            assertThat(dead.path("value").asText()).isEqualTo("1 kept");
            assertThat(dead.path("threshold").asText()).isEqualTo("amber at 1, red at 1000");
            assertThat(web.send(web.request("/health/ready").GET()).statusCode()).as("webhooks never gate readiness")
                    .isEqualTo(200);
        }
    }

    private static JsonNode find(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}
