package io.parley.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console's overview says of the server's set-up: which storage and cluster provider is in use (the plugins
 * that bring only unused ones are not called active), and every configuration key read with its value and source.
 */
class ConsoleOverviewTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private static JsonNode overview(WebTestServer web) throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder()
                .encodeToString("ops:console-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = web.send(web.request("/console/api/overview").header("Authorization", basic).GET());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    @Test
    void theProvidersInUseAreMarkedAndPluginsOfUnusedProvidersOnlyAreNotActive() throws Exception {
        try (WebTestServer web = new WebTestServer(dataDir, Map.of("console.username", "ops",
                "console.password", "console-secret"), new WebEndpointFactory())) {
            JsonNode overview = overview(web);
            Map<String, Boolean> providers = new HashMap<>();
            for (JsonNode provider : overview.get("providers")) {
                providers.put(provider.get("kind").asText() + "/" + provider.get("name").asText() + "/"
                        + provider.get("plugin").asText(), provider.get("selected").asBoolean());
            }
            assertThat(providers).containsEntry("storage/embedded/kernel", true)
                    .containsEntry("storage/memory/kernel", false)
                    .containsEntry("storage/postgres/storage-postgres", false)
                    .containsEntry("cluster/local/kernel", true)
                    .containsEntry("cluster/redis/cluster-redis", false);

            Map<String, String> states = new HashMap<>();
            overview.get("plugins").forEach(plugin -> states.put(plugin.get("name").asText(), plugin.get("state").asText()));
            assertThat(states).containsEntry("kernel", "active").containsEntry("chatroom", "active")
                    .containsEntry("storage-postgres", "not in use").containsEntry("cluster-redis", "not in use");
        }
    }

    @Test
    void theConfigurationListsEveryKeyReadWithItsValueAndSourceSecretsMasked() throws Exception {
        try (WebTestServer web = new WebTestServer(dataDir, Map.of("console.username", "ops",
                "console.password", "console-secret"), new WebEndpointFactory())) {
            Map<String, JsonNode> config = new HashMap<>();
            overview(web).get("config").forEach(entry -> config.put(entry.get("key").asText(), entry));
            assertThat(config.get("console.password").get("value").asText()).isEqualTo("****");
            assertThat(config.get("console.password").get("source").asText()).isEqualTo("builder");
            assertThat(config.get("app.secret").get("value").asText()).isEqualTo("****");
            assertThat(config.get("http.port").get("value").asText()).isEqualTo("0");
            // keys nobody set show their defaults
            assertThat(config.get("protocol.heartbeat").get("value").asText()).isEqualTo("30s");
            assertThat(config.get("protocol.heartbeat").get("source").asText()).isEqualTo("default");
            assertThat(config.get("storage.provider").get("value").asText()).isEqualTo("embedded");
            assertThat(config.get("web.enabled").get("value").asText()).isEqualTo("true");
            assertThat(config.get("mode").get("value").asText()).isEqualTo("development");
            assertThat(config).hasSizeGreaterThan(40);
        }
    }
}
