package io.parley.starter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.client.ImClient;
import io.parley.kernel.Parley;
import io.parley.starter.GreeterPluginJar;
import io.parley.testkit.EmbeddedParley;
import io.parley.testkit.ServerApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that is not on the server's class path, deployed as a jar in the plugins folder ({@code plugins.dir}),
 * serving a real client and the server API of an embedded server on real sockets.
 */
class PluginsFolderTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path pluginsDir;

    @Test
    void aJarInThePluginsFolderAnswersARealClientAndTheServerApiAndClosesBeforeItsClassLoader() {
        GreeterPluginJar.writeTo(pluginsDir.resolve("greeter.jar"));
        System.clearProperty(GreeterPluginJar.CLOSED_PROPERTY);

        try (EmbeddedParley parley = EmbeddedParley.start(dataDir, "plugins.dir", pluginsDir.toString(),
                "greeter.greeting", "bonjour")) {
            ServerApiClient.Answer answer = parley.serverApi().post("/greeter/hello.json", "userId", "alice");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("greeting").asText()).isEqualTo("bonjour alice");
            assertThat(answer.body().path("banner").asText()).isEqualTo("bundled banner 1.0");

            try (ImClient bob = parley.client("bob", "bob-phone", "Android").build()) {
                bob.connect().join();
                assertThat(bob.command("greeter.hello", Map.of("mood", "sunny")))
                        .succeedsWithin(Duration.ofSeconds(10))
                        .satisfies(result -> assertThat(result)
                                .containsEntry("greeting", "bonjour bob")
                                .containsEntry("banner", "bundled banner 1.0")
                                .containsEntry("json", "{\"mood\":\"sunny\"}"));
            }
            assertThat(System.getProperty(GreeterPluginJar.CLOSED_PROPERTY)).isNull();
        }

        assertThat(System.getProperty(GreeterPluginJar.CLOSED_PROPERTY))
                .as("the instance closed while its jar's class loader was still open").isEqualTo("greeter closed");
    }

    @Test
    void aBrokenJarInThePluginsFolderFailsStartupOnOneLineNamingIt() throws Exception {
        Path broken = Files.writeString(pluginsDir.resolve("broken.jar"), "this is no jar");

        assertThatThrownBy(() -> Parley.builder().isolated()
                .config(Map.of("http.port", "0", "tcp.port", "0", "bind.host", "127.0.0.1",
                        "data.dir", dataDir.toString(), "plugins.dir", pluginsDir.toString()))
                .build().start())
                .isInstanceOf(ImException.class)
                .hasMessageStartingWith("plugin jar " + broken + ": not a jar (zip) file")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aPluginsDirThatDoesNotExistFailsStartupSayingSo() {
        Path missing = pluginsDir.resolve("not-there");

        assertThatThrownBy(() -> EmbeddedParley.start(dataDir, "plugins.dir", missing.toString()))
                .isInstanceOf(ImException.class)
                .hasMessageStartingWith("plugins.dir " + missing + " does not exist");
    }
}
