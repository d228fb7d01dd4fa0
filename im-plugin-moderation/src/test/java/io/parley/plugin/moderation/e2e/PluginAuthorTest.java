package io.parley.plugin.moderation.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.plugin.moderation.ModerationPlugin;
import io.parley.testkit.EmbeddedParley;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as its author ships it: compiled against {@code im-api} alone, proven against {@code im-testkit}.
 * The kernel is on the test class path only (through the testkit); the plugin's own classes never refer to it.
 */
class PluginAuthorTest {
    @TempDir
    Path dir;

    @Test
    void thePluginsMainClassesNeverReferToTheKernel() throws Exception {
        Path classes = mainClasses();
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            classFiles = files.filter(file -> file.toString().endsWith(".class")).toList();
        }
        assertThat(classFiles).hasSizeGreaterThan(20);
        for (Path classFile : classFiles) {
            String constants = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            assertThat(constants).as(classFile.toString()).doesNotContain("io/parley/kernel", "io/parley/plugin/chatroom",
                    "io/parley/plugin/routing", "io/parley/plugin/ultragroup", "io/parley/plugin/pushvendors");
        }
        String pom = Files.readString(classes.getParent().getParent().resolve("pom.xml"));
        assertThat(pom).doesNotContain("<artifactId>im-kernel</artifactId>")
                .contains("<exclude>io.parley:im-kernel:*:*:compile</exclude>");
    }

    @Test
    void aServerFromTheTestkitFindsThePluginOnTheClassPath() {
        try (EmbeddedParley server = EmbeddedParley.start(dir)) {
            assertThat(server.serverApi().post("/sensitiveword/list.json").code()).isEqualTo(200);
            assertThat(server.serverApi().post("/user/blacklist/query.json", "userId", "u1").code()).isEqualTo(200);
        }
    }

    @Test
    void aMistypedKeyOrABadValueFailsStartup() {
        assertThatThrownBy(() -> EmbeddedParley.start(dir.resolve("typo"), "moderation.rate.client.per-secnd", "3").close())
                .hasMessageContaining("moderation.rate.client.per-second");
        assertThatThrownBy(() -> EmbeddedParley.start(dir.resolve("url"), "moderation.callback.url", "ftp://x").close())
                .hasMessageContaining("moderation.callback.url");
        assertThatThrownBy(() -> EmbeddedParley.start(dir.resolve("types"), "moderation.callback.conversation-types",
                "privat").close()).hasMessageContaining("privat");
    }

    private static Path mainClasses() throws URISyntaxException, IOException {
        Path location = Path.of(ModerationPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(location).as("the plugin's classes come from the module's own target/classes").isDirectory();
        return location;
    }
}
