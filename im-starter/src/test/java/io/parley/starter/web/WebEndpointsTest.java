package io.parley.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.config.KernelConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The starter's web endpoints with their defaults: what is off stays off, and bad input gets a clear answer. */
class WebEndpointsTest {
    @TempDir
    Path dataDir;

    @Test
    void byDefaultThePageIsServedAndDevSignInAndTheConsoleAreOff() throws Exception {
        try (WebTestServer web = new WebTestServer(dataDir, Map.of(), new WebEndpointFactory())) {
            HttpResponse<String> page = web.send(web.request("/").GET());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).contains("/app/main.js");
            assertThat(web.send(web.request("/sdk/index.js").GET()).body()).contains("export function webStorageCursorStore");

            assertThat(web.send(web.request("/web/settings").GET()).body()).contains("\"devSignIn\":false");
            HttpResponse<String> token = web.send(web.request("/web/dev/token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"alice\"}")));
            assertThat(token.statusCode()).isNotEqualTo(200);
            assertThat(token.body()).doesNotContain("token\"");
            assertThat(web.send(web.request("/web/dev/group")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))).statusCode()).isNotEqualTo(200);

            HttpResponse<String> console = web.send(web.request("/console").header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("admin:".getBytes())).GET());
            assertThat(console.statusCode()).isEqualTo(404);
            assertThat(console.body()).contains("console.password");
        }
    }

    @Test
    void thePageAndTheConsoleTalkOnlyToTheirOwnOriginAndAreNeverFramed() throws Exception {
        Map<String, String> config = Map.of("console.username", "ops", "console.password", "secret");
        try (WebTestServer web = new WebTestServer(dataDir, config, new WebEndpointFactory())) {
            String host = "127.0.0.1:" + web.server.httpPort();
            for (String path : List.of("/", "/app/main.js", "/sdk/index.js")) {
                HttpResponse<String> page = web.send(web.request(path).GET());
                assertThat(page.statusCode()).as(path).isEqualTo(200);
                Map<String, List<String>> policy = policy(page);
                assertThat(policy.get("connect-src")).as(path).containsExactly("'self'", "ws://" + host, "wss://" + host);
                assertThat(policy.get("img-src")).as(path).containsExactly("'self'", "blob:");
                assertThat(policy.get("script-src")).as(path).containsExactly("'self'");
                assertThat(policy.get("default-src")).as(path).containsExactly("'none'");
                assertThat(policy.get("frame-ancestors")).as(path).containsExactly("'none'");
                assertNoFramingNorReferrer(page, path);
            }
            String basic = "Basic " + Base64.getEncoder().encodeToString("ops:secret".getBytes());
            for (HttpRequest.Builder request : List.of(web.request("/console"),
                    web.request("/console").header("Authorization", basic), web.request("/console/console.js").header("Authorization", basic))) {
                HttpResponse<String> console = web.send(request.GET());
                String what = console.uri() + " → " + console.statusCode();
                Map<String, List<String>> policy = policy(console);
                assertThat(policy.get("connect-src")).as(what).containsExactly("'self'");
                assertThat(policy.get("default-src")).as(what).containsExactly("'none'");
                assertThat(policy.get("frame-ancestors")).as(what).containsExactly("'none'");
                assertNoFramingNorReferrer(console, what);
            }
        }
    }

    @Test
    void theFaviconIsServedWithoutAuthenticationWhetherThePageIsOnOrOff() throws Exception {
        for (Map<String, String> config : List.of(Map.<String, String>of(), Map.of("web.enabled", "false"),
                Map.of("console.password", "secret"))) {
            try (WebTestServer web = new WebTestServer(dataDir, config, new WebEndpointFactory())) {
                HttpResponse<byte[]> icon = java.net.http.HttpClient.newHttpClient()
                        .send(web.request("/favicon.ico").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(icon.statusCode()).as("%s", config).isEqualTo(200);
                assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/x-icon");
                // an ICO file: reserved 0, type 1 (icon)
                assertThat(icon.body()).startsWith(0, 0, 1, 0);
            }
        }
    }

    /** The Content-Security-Policy header as its directives, each with its sources. */
    private static Map<String, List<String>> policy(HttpResponse<String> response) {
        String header = response.headers().firstValue("Content-Security-Policy").orElseThrow(() ->
                new AssertionError(response.uri() + " has no Content-Security-Policy"));
        Map<String, List<String>> directives = new HashMap<>();
        for (String directive : header.split(";")) {
            List<String> words = List.of(directive.trim().split("\\s+"));
            directives.put(words.get(0), words.subList(1, words.size()));
        }
        return directives;
    }

    private static void assertNoFramingNorReferrer(HttpResponse<String> response, String what) {
        assertThat(response.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
    }

    @Test
    void staticFilesStayInsideTheWebFolder() throws Exception {
        try (WebTestServer web = new WebTestServer(dataDir, Map.of(), new WebEndpointFactory())) {
            assertThat(web.send(web.request("/app/../../logback.xml").GET()).statusCode()).isEqualTo(404);
            assertThat(web.send(web.request("/app/nothing-here.js").GET()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void devSignInGivesATokenThatConnectsAndRefusesABadUserId() throws Exception {
        try (WebTestServer web = new WebTestServer(dataDir, Map.of("web.dev-sign-in", "true"), new WebEndpointFactory())) {
            HttpResponse<String> ok = web.send(web.request("/web/dev/token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"alice\"}")));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"userId\":\"alice\"").contains("\"token\":\"");

            HttpResponse<String> bad = web.send(web.request("/web/dev/token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"no spaces allowed\"}")));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("1002");
            HttpResponse<String> notJson = web.send(web.request("/web/dev/token")
                    .POST(HttpRequest.BodyPublishers.ofString("userId=alice")));
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body()).contains("not JSON");
        }
    }

    @Test
    void devSignInRegistersANameAndMakesGroupsForTheTokensUserOnly() throws Exception {
        try (WebTestServer web = new WebTestServer(dataDir, Map.of("web.dev-sign-in", "true"), new WebEndpointFactory())) {
            HttpResponse<String> named = web.send(web.request("/web/dev/token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"alice\",\"name\":\"Alice Liddell\"}")));
            assertThat(named.statusCode()).isEqualTo(200);
            assertThat(web.server.kernelObject(io.parley.kernel.user.UserDirectory.class).find("alice"))
                    .hasValueSatisfying(profile -> assertThat(profile.name()).isEqualTo("Alice Liddell"));
            // a token asked again without a name keeps the name
            web.send(web.request("/web/dev/token").POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"alice\"}")));
            assertThat(web.server.kernelObject(io.parley.kernel.user.UserDirectory.class).find("alice").orElseThrow().name())
                    .isEqualTo("Alice Liddell");
            String token = named.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

            HttpResponse<String> group = web.send(web.request("/web/dev/group").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Hikers\",\"memberIds\":[\"bob\",\"cid\"]}")));
            assertThat(group.statusCode()).isEqualTo(200);
            assertThat(group.body()).contains("\"name\":\"Hikers\"").contains("\"memberCount\":3").containsPattern("\"groupId\":\"g-[0-9a-f]{12}\"");
            String groupId = group.body().replaceAll(".*\"groupId\":\"([^\"]+)\".*", "$1");
            io.parley.kernel.http.HttpApiHandler api = web.server.kernelObject(io.parley.kernel.http.HttpApiHandler.class);
            assertThat(api.callRoute(new io.parley.api.route.ApiRequest("/group/user/query.json",
                    Map.of("groupId", List.of(groupId)), java.util.Optional.empty())).fields().get("users"))
                    .isEqualTo(List.of(Map.of("id", "alice"), Map.of("id", "bob"), Map.of("id", "cid")));
            assertThat(api.callRoute(new io.parley.api.route.ApiRequest("/user/group/query.json",
                    Map.of("userId", List.of("bob")), java.util.Optional.empty())).fields().get("groups"))
                    .isEqualTo(List.of(Map.of("id", groupId, "name", "Hikers")));

            HttpResponse<String> anonymous = web.send(web.request("/web/dev/group")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Hikers\",\"memberIds\":[]}")));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> badToken = web.send(web.request("/web/dev/group").header("Authorization", "Bearer nope")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Hikers\",\"memberIds\":[]}")));
            assertThat(badToken.statusCode()).isEqualTo(401);
            HttpResponse<String> noName = web.send(web.request("/web/dev/group").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"memberIds\":[\"bob\"]}")));
            assertThat(noName.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void uploadsCanBeTurnedOffAndAnUnknownUploadSettingFailsStartup() throws Exception {
        try (WebTestServer web = new WebTestServer(dataDir, Map.of("web.uploads.max-bytes", "0"), new WebEndpointFactory())) {
            assertThat(web.send(web.request("/web/settings").GET()).body()).contains("\"enabled\":false");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new WebTestServer(dataDir, Map.of("web.uploads.max-byte", "10"), new WebEndpointFactory()))
                .hasMessageContaining("web.uploads.max-byte");
    }

    @Test
    void productionModeRefusesDevSignInAndTheDevelopmentSecret() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebTestServer(dataDir,
                Map.of("mode", "production", "web.dev-sign-in", "true"), new WebEndpointFactory()))
                .hasMessageContaining("mode=production refuses web.dev-sign-in");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebTestServer(dataDir,
                Map.of("mode", "production", "app.secret", KernelConfig.DEV_APP_SECRET), new WebEndpointFactory()))
                .hasMessageContaining("mode=production refuses the development app.secret");
        try (WebTestServer web = new WebTestServer(dataDir, Map.of("mode", "production"), new WebEndpointFactory())) {
            assertThat(web.send(web.request("/").GET()).statusCode()).as("production with its own secret starts")
                    .isEqualTo(200);
        }
    }
}
