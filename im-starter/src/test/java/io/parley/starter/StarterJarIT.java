package io.parley.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.client.ImClient;
import io.parley.client.ReceivedMessage;
import io.parley.testkit.ServerApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar, as an operator starts it: environment variables only, then a real client against it. */
class StarterJarIT {
    private static final Pattern TCP_PORT = Pattern.compile("client TCP(?: \\(TLS\\))?: \\S+:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("server API and WebSocket: https?://[^\\s/]+:(\\d+)");

    @TempDir
    Path dataDir;

    Process process;
    final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    private void launch(Map<String, String> environment, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("parley.jar"));
        assertThat(jar).exists();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dataDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().putAll(environment);
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
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

    @Test
    void theJarStartsFromEnvironmentVariablesWithEveryPluginAndServesAClient() throws Exception {
        launch(Map.of("PARLEY_APP_KEY", "jar-key", "PARLEY_APP_SECRET", "jar-secret", "PARLEY_HTTP_PORT", "0",
                "PARLEY_TCP_PORT", "0", "PARLEY_BIND_HOST", "127.0.0.1", "PARLEY_DATA_DIR",
                dataDir.resolve("data").toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> port(TCP_PORT) > 0 || !process.isAlive());
        assertThat(process.isAlive()).as("server output: %s", output).isTrue();
        assertThat(output).anyMatch(line -> line.contains("app key: jar-key"));
        // bound to 127.0.0.1, the banner says so; the chat page is on, the console (no password) is not
        assertThat(output).anyMatch(line -> line.contains("server API and WebSocket: http://127.0.0.1:"))
                .anyMatch(line -> line.contains("chat page: http://127.0.0.1:"))
                .noneMatch(line -> line.contains("localhost") || line.contains("console: "));
        for (String plugin : List.of("kernel", "chatroom", "ultragroup", "push", "moderation", "routing")) {
            assertThat(output).anyMatch(line -> line.contains("loaded plugin " + plugin + " "));
        }
        assertThat(output).noneMatch(line -> line.contains("jar-secret"));
        assertThat(Files.isDirectory(dataDir.resolve("data").resolve("storage"))).isTrue();

        assertThat(port(HTTP_PORT)).as("server output: %s", output).isPositive();
        ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + port(HTTP_PORT), "jar-key", "jar-secret");
        List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
        try (ImClient client = ImClient.builder().address("127.0.0.1", port(TCP_PORT)).token(api.token("operator"))
                .deviceId("laptop").platform("PC").build()) {
            client.addMessageListener(inbox::add);
            client.connect().join();
            assertThat(api.post("/message/private/publish.json", "fromUserId", "ops-bot", "toUserId", "operator",
                    "objectName", "RC:TxtMsg", "content", "{\"content\":\"the jar works\"}").code()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.size() == 1);
            assertThat(inbox.get(0).content()).contains("the jar works");
        }
    }

    @Test
    void aJarDroppedInThePluginsFolderIsLoadedAndServesItsRouteAndCommand() throws Exception {
        Path pluginsDir = Files.createDirectory(dataDir.resolve("plugins"));
        GreeterPluginJar.writeTo(pluginsDir.resolve("greeter.jar"));
        launch(Map.of("PARLEY_APP_KEY", "jar-key", "PARLEY_APP_SECRET", "jar-secret", "PARLEY_HTTP_PORT", "0",
                "PARLEY_TCP_PORT", "0", "PARLEY_BIND_HOST", "127.0.0.1", "PARLEY_DATA_DIR",
                dataDir.resolve("data").toString(), "PARLEY_GREETER_GREETING", "hi"));
        await().atMost(Duration.ofSeconds(60)).until(() -> port(TCP_PORT) > 0 || !process.isAlive());
        assertThat(process.isAlive()).as("server output: %s", output).isTrue();
        assertThat(output).anyMatch(line -> line.contains(
                "plugins folder: loaded ./plugins/greeter.jar with plugin(s) greeter"));
        assertThat(output).anyMatch(line -> line.contains(
                "loaded plugin greeter (greeter.GreeterPlugin from ./plugins/greeter.jar)"));

        ServerApiClient api = new ServerApiClient("http://127.0.0.1:" + port(HTTP_PORT), "jar-key", "jar-secret");
        ServerApiClient.Answer answer = api.post("/greeter/hello.json", "userId", "operator");
        assertThat(answer.status()).as("answer: %s", answer).isEqualTo(200);
        assertThat(answer.body().path("greeting").asText()).isEqualTo("hi operator");
        assertThat(answer.body().path("banner").asText()).isEqualTo("bundled banner 1.0");
        try (ImClient client = ImClient.builder().address("127.0.0.1", port(TCP_PORT)).token(api.token("operator"))
                .deviceId("laptop").platform("PC").build()) {
            client.connect().join();
            assertThat(client.command("greeter.hello", Map.of("n", 1)).join())
                    .containsEntry("greeting", "hi operator").containsEntry("json", "{\"n\":1}");
        }
    }

    @Test
    void aBrokenJarInAPluginsFolderSetByEnvironmentStopsStartupWithOneLineNamingIt() throws Exception {
        Path pluginsDir = Files.createDirectory(dataDir.resolve("extra-plugins"));
        Path broken = Files.writeString(pluginsDir.resolve("broken.jar"), "not a zip");
        launch(Map.of("PARLEY_HTTP_PORT", "0", "PARLEY_TCP_PORT", "0", "PARLEY_DATA_DIR",
                dataDir.resolve("data").toString(), "PARLEY_PLUGINS_DIR", pluginsDir.toString()));
        assertThat(process.waitFor()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> output.stream().anyMatch(line -> line.contains("broken.jar")));
        assertThat(output).anyMatch(line -> line.startsWith(
                "Parley failed to start: plugin jar " + broken + ": not a jar (zip) file"));
    }

    @Test
    void helpPrintsTheUsageAndExitsWithoutStartingAServer() throws Exception {
        launch(Map.of("PARLEY_DATA_DIR", dataDir.resolve("data").toString()), "--help");
        assertThat(process.waitFor()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> output.stream().anyMatch(line -> line.contains("PARLEY_CONFIG")));
        assertThat(output).anyMatch(line -> line.startsWith("usage: java"))
                .anyMatch(line -> line.contains("backup <target-dir>"))
                .noneMatch(line -> line.contains("Parley is running"));
        assertThat(dataDir.resolve("data")).doesNotExist();
    }

    @Test
    void anUnknownArgumentIsRefusedWithTheUsageAndExitCodeTwo() throws Exception {
        launch(Map.of("PARLEY_DATA_DIR", dataDir.resolve("data").toString()), "--port", "9000");
        assertThat(process.waitFor()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.stream().anyMatch(line -> line.contains("PARLEY_CONFIG")));
        assertThat(output).anyMatch(line -> line.startsWith("unknown arguments '--port 9000'"))
                .anyMatch(line -> line.startsWith("usage: java"))
                .noneMatch(line -> line.contains("Parley is running"));
        assertThat(dataDir.resolve("data")).doesNotExist();
    }

    @Test
    void aMistypedEnvironmentVariableFailsStartupWithASuggestion() throws Exception {
        launch(Map.of("PARLEY_HTTP_PORT", "0", "PARLEY_TCP_PORT", "0", "PARLEY_HTTP_PROT", "9000",
                "PARLEY_DATA_DIR", dataDir.resolve("data").toString()));
        assertThat(process.waitFor()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.stream().anyMatch(line -> line.contains("PARLEY_HTTP_PROT")));
        assertThat(output).anyMatch(line -> line.contains("did you mean 'PARLEY_HTTP_PORT'"));
    }
}
