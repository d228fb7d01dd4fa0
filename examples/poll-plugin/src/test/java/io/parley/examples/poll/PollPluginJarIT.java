package io.parley.examples.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.testkit.ServerApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as an operator installs it: this project's jar dropped in the plugins folder of the released server,
 * {@code java -jar parley-server.jar} (im-starter's shaded jar, which does not contain the plugin), then a client
 * and the app server use it over real sockets. Run by {@code mvn verify} (failsafe), after the jar is packaged.
 */
class PollPluginJarIT {
    private static final Pattern TCP_PORT = Pattern.compile("client TCP(?: \\(TLS\\))?: \\S+:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("server API and WebSocket: https?://[^\\s/]+:(\\d+)");
    private static final String APP_KEY = "poll-example-key";
    private static final String APP_SECRET = "poll-example-secret";

    @TempDir
    Path home;

    private Process server;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void theServerJarLoadsThePluginFromItsPluginsFolder() throws Exception {
        Path serverJar = Path.of(System.getProperty("parley.server.jar"));
        Path pluginJar = Path.of(System.getProperty("poll.plugin.jar"));
        assertThat(serverJar).as("the server jar, copied by maven-dependency-plugin").isRegularFile();
        assertThat(pluginJar).as("this project's jar, built by `package`").isRegularFile();
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()));

        start(serverJar, Map.of("PARLEY_PLUGINS_DIR", plugins.toString()));
        assertThat(output).as("the server's output").anyMatch(line -> line.contains("loaded plugin poll "));

        ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + port(HTTP_PORT), APP_KEY, APP_SECRET);
        assertThat(api.post("/group/create.json", "groupId", "ops", "groupName", "Ops", "userId", "olga,pete").code())
                .isEqualTo(200);
        try (ImClient olga = ImClient.builder().address("127.0.0.1", port(TCP_PORT)).token(api.token("olga"))
                .deviceId("olga-laptop").platform("PC").build()) {
            olga.connect().join();
            String pollId = (String) olga.command("poll.create", Map.of("conversationType", 3, "targetId", "ops",
                    "question", "Deploy today?", "options", List.of("yes", "no"))).join().get("pollId");
            assertThat(olga.command("poll.vote", Map.of("pollId", pollId, "option", 0)).join())
                    .containsEntry("counts", List.of(1, 0));

            // the plugin's server-API route, through a correctly signed request
            ServerApiClient.Answer tally = api.post("/poll/query.json", "pollId", pollId);
            assertThat(tally.code()).as("answer: %s", tally.body()).isEqualTo(200);
            assertThat(tally.body().path("question").asText()).isEqualTo("Deploy today?");
            assertThat(tally.body().path("counts").toString()).isEqualTo("[1,0]");
        }
    }

    /** Starts the jar in {@code home} with its settings as environment variables, and waits until it serves. */
    private void start(Path jar, Map<String, String> settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().putAll(Map.of("PARLEY_APP_KEY", APP_KEY, "PARLEY_APP_SECRET", APP_SECRET,
                "PARLEY_HTTP_PORT", "0", "PARLEY_TCP_PORT", "0", "PARLEY_BIND_HOST", "127.0.0.1",
                "PARLEY_DATA_DIR", home.resolve("data").toString()));
        builder.environment().putAll(settings);
        server = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | UncheckedIOException ended) {
                // the process ended, or was stopped
            }
        }, "parley-server-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> port(TCP_PORT) > 0 || !server.isAlive());
        assertThat(server.isAlive()).as("the server should run with plugins.dir set; its output:%n%s",
                String.join(System.lineSeparator(), output)).isTrue();
    }

    private int port(Pattern pattern) {
        for (String line : output) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return -1;
    }
}
