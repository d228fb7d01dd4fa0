package io.parley.kernel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.model.Platform;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.route.ClientCommand;
import io.parley.kernel.config.TrackedConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugins folder over real jars, compiled and packed at test time. */
class PluginFolderTest {
    private static final ClientCommand.Caller CALLER =
            new ClientCommand.Caller("alice", "phone", "s1", Platform.ANDROID);

    @TempDir
    Path dir;

    PluginFolder folder = PluginFolder.none();

    @AfterEach
    void closeFolder() {
        folder.close();
    }

    /** A plugin {@code <pkg>.GreeterPlugin} named {@code name}: its command answers {@code shared.Helper.version()}. */
    private static String greeter(String pkg, String name) {
        return """
                package %1$s;

                import io.parley.api.plugin.ImPlugin;
                import io.parley.api.plugin.PluginContext;
                import io.parley.api.plugin.PluginInstance;
                import io.parley.api.route.ClientCommand;
                import java.util.List;
                import java.util.Map;

                public final class GreeterPlugin implements ImPlugin {
                    @Override
                    public String name() {
                        return "%2$s";
                    }

                    @Override
                    public PluginInstance create(PluginContext context) {
                        return new PluginInstance() {
                            @Override
                            public List<ClientCommand> clientCommands() {
                                return List.of(new ClientCommand() {
                                    @Override
                                    public String name() {
                                        return "%2$s.version";
                                    }

                                    @Override
                                    public Map<String, Object> handle(Caller caller, Map<String, Object> body) {
                                        return Map.of("version", shared.Helper.version(), "userId", caller.userId());
                                    }
                                });
                            }
                        };
                    }
                }
                """.formatted(pkg, name);
    }

    private static String helper(String version) {
        return """
                package shared;

                public final class Helper {
                    public static String version() {
                        return "%s";
                    }
                }
                """.formatted(version);
    }

    private Path greeterJar(String fileName, String pkg, String name, String helperVersion) {
        return TestPluginJar.create().source(pkg + ".GreeterPlugin", greeter(pkg, name))
                .source("shared.Helper", helper(helperVersion)).listing(pkg + ".GreeterPlugin")
                .writeTo(dir.resolve(fileName));
    }

    private static Object answer(ImPlugin plugin) {
        return plugin.create(null).clientCommands().get(0).handle(CALLER, Map.of()).get("version");
    }

    @Test
    void aGoodJarLoadsAndItsPluginRunsFromItsOwnClassLoader() {
        Path jar = greeterJar("greeter.jar", "greeter", "greeter", "1.0");

        folder = PluginFolder.load(dir);

        assertThat(folder.jars()).containsExactly(jar);
        assertThat(folder.plugins()).singleElement().satisfies(plugin -> {
            assertThat(plugin.name()).isEqualTo("greeter");
            assertThat(PluginJarClassLoader.jarOf(plugin)).contains(jar);
            assertThat(PluginJarClassLoader.describe(plugin)).isEqualTo("greeter.GreeterPlugin from " + jar);
            assertThat(answer(plugin)).isEqualTo("1.0");
        });
    }

    @Test
    void twoJarsBundlingDifferentVersionsOfOneHelperClassEachSeeTheirOwn() throws Exception {
        greeterJar("b-beta.jar", "beta", "beta", "2.0");
        greeterJar("a-alpha.jar", "alpha", "alpha", "1.0");

        folder = PluginFolder.load(dir);

        assertThat(folder.plugins()).extracting(ImPlugin::name).containsExactly("alpha", "beta");
        ImPlugin alpha = folder.plugins().get(0);
        ImPlugin beta = folder.plugins().get(1);
        assertThat(answer(alpha)).isEqualTo("1.0");
        assertThat(answer(beta)).isEqualTo("2.0");
        assertThat(alpha.getClass().getClassLoader().loadClass("shared.Helper"))
                .isNotSameAs(beta.getClass().getClassLoader().loadClass("shared.Helper"));
    }

    @Test
    void aPluginSeesImApiSlf4jAndJacksonAsTheServerHasThemButNotTheKernel() throws Exception {
        greeterJar("greeter.jar", "greeter", "greeter", "1.0");
        folder = PluginFolder.load(dir);
        ClassLoader loader = folder.plugins().get(0).getClass().getClassLoader();

        assertThat(loader.loadClass(ImPlugin.class.getName())).isSameAs(ImPlugin.class);
        assertThat(loader.loadClass("org.slf4j.LoggerFactory")).isSameAs(org.slf4j.LoggerFactory.class);
        assertThat(loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
                .isSameAs(com.fasterxml.jackson.databind.ObjectMapper.class);
        assertThatThrownBy(() -> loader.loadClass(PluginFolder.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> loader.loadClass("com.google.inject.Injector"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(java.util.Collections.list(loader.getResources(PluginJar.SERVICES_ENTRY)))
                .singleElement().satisfies(url -> assertThat(url.toString()).contains("greeter.jar!"));
    }

    @Test
    void aPluginReferencingTheKernelFailsOnOneLineNamingTheJarAndTheClass() {
        String sneaky = """
                package sneaky;

                public final class SneakyPlugin implements io.parley.api.plugin.ImPlugin {
                    private final Object hooks = new io.parley.kernel.plugin.StopHooks();

                    @Override
                    public String name() {
                        return "sneaky";
                    }
                }
                """;
        TestPluginJar.create().compiledAgainst(StopHooks.class).source("sneaky.SneakyPlugin", sneaky)
                .listing("sneaky.SneakyPlugin").writeTo(dir.resolve("sneaky.jar"));

        assertThatThrownBy(() -> PluginFolder.load(dir)).isInstanceOf(ImException.class)
                .hasMessageStartingWith("plugin jar " + dir.resolve("sneaky.jar") + ": ")
                .hasMessageContaining("sneaky.SneakyPlugin could not be instantiated")
                .hasMessageContaining("needs class io.parley.kernel.plugin.StopHooks")
                .hasMessageContaining("plugins use io.parley.api only")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aPluginClassImplementingAKernelTypeCannotBeLinkedAndFailsNamingTheJar() {
        String service = """
                package sneaky;

                import java.util.List;

                public final class ServicePlugin implements io.parley.api.plugin.ImPlugin,
                        io.parley.kernel.lifecycle.Service {
                    @Override
                    public String name() {
                        return "service";
                    }

                    @Override
                    public List<String> dependsOn() {
                        return List.of();
                    }

                    @Override
                    public void start() {
                    }

                    @Override
                    public void stop() {
                    }
                }
                """;
        TestPluginJar.create().compiledAgainst(io.parley.kernel.lifecycle.Service.class)
                .source("sneaky.ServicePlugin", service).listing("sneaky.ServicePlugin")
                .writeTo(dir.resolve("service.jar"));

        assertThatThrownBy(() -> PluginFolder.load(dir)).isInstanceOf(ImException.class)
                .hasMessageStartingWith("plugin jar " + dir.resolve("service.jar") + ": ")
                .hasMessageContaining("needs class io.parley.kernel.lifecycle.Service")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aFileThatIsNotAZipFailsNamingIt() throws Exception {
        Files.writeString(dir.resolve("notes.jar"), "not a zip at all", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PluginFolder.load(dir)).isInstanceOf(ImException.class)
                .hasMessageStartingWith("plugin jar " + dir.resolve("notes.jar") + ": not a jar (zip) file")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aJarWithoutAServicesEntryFailsNamingIt() {
        TestPluginJar.create().source("plain.Thing", "package plain; public class Thing {}")
                .writeTo(dir.resolve("plain.jar"));

        assertThatThrownBy(() -> PluginFolder.load(dir)).isInstanceOf(ImException.class)
                .hasMessage("plugin jar " + dir.resolve("plain.jar") + ": no " + PluginJar.SERVICES_ENTRY
                        + " entry; list the jar's plugin classes there");
    }

    @Test
    void aServicesEntryNamingAMissingClassFailsNamingTheJarAndTheClass() {
        TestPluginJar.create().source("plain.Thing", "package plain; public class Thing {}")
                .listing("plain.MissingPlugin").writeTo(dir.resolve("typo.jar"));

        assertThatThrownBy(() -> PluginFolder.load(dir)).isInstanceOf(ImException.class)
                .hasMessage("plugin jar " + dir.resolve("typo.jar") + ": Provider plain.MissingPlugin not found");
    }

    @Test
    void aListedClassThatIsNotAPluginFailsNamingTheJar() {
        TestPluginJar.create().source("plain.Thing", "package plain; public class Thing {}")
                .listing("plain.Thing").writeTo(dir.resolve("wrong.jar"));

        assertThatThrownBy(() -> PluginFolder.load(dir)).isInstanceOf(ImException.class)
                .hasMessage("plugin jar " + dir.resolve("wrong.jar") + ": plain.Thing not a subtype");
    }

    @Test
    void aPluginWhoseConstructorThrowsFailsNamingTheJarAndTheReason() {
        String failing = """
                package failing;

                public final class FailingPlugin implements io.parley.api.plugin.ImPlugin {
                    public FailingPlugin() {
                        throw new IllegalStateException("no licence key");
                    }

                    @Override
                    public String name() {
                        return "failing";
                    }
                }
                """;
        TestPluginJar.create().source("failing.FailingPlugin", failing).listing("failing.FailingPlugin")
                .writeTo(dir.resolve("failing.jar"));

        assertThatThrownBy(() -> PluginFolder.load(dir)).isInstanceOf(ImException.class)
                .hasMessage("plugin jar " + dir.resolve("failing.jar") + ": Provider failing.FailingPlugin could not"
                        + " be instantiated: java.lang.IllegalStateException: no licence key");
    }

    @Test
    void aPluginWhoseStaticInitializerThrowsFailsNamingTheJarAndTheReason() {
        String failing = """
                package failing;

                public final class StaticPlugin implements io.parley.api.plugin.ImPlugin {
                    private static final String NAME = fail();

                    private static String fail() {
                        throw new IllegalStateException("no config file");
                    }

                    @Override
                    public String name() {
                        return NAME;
                    }
                }
                """;
        TestPluginJar.create().source("failing.StaticPlugin", failing).listing("failing.StaticPlugin")
                .writeTo(dir.resolve("static.jar"));

        assertThatThrownBy(() -> PluginFolder.load(dir)).isInstanceOf(ImException.class)
                .hasMessage("plugin jar " + dir.resolve("static.jar") + ": Provider failing.StaticPlugin could not"
                        + " be instantiated: java.lang.ExceptionInInitializerError: java.lang.IllegalStateException:"
                        + " no config file");
    }

    @Test
    void anExplicitFolderThatDoesNotExistOrIsAFileFails() throws Exception {
        Path missing = dir.resolve("no-such-folder");
        assertThatThrownBy(() -> PluginFolder.open(config(missing.toString()), Optional.empty()))
                .isInstanceOf(ImException.class).hasMessageStartingWith("plugins.dir " + missing + " does not exist");

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> PluginFolder.open(config(file.toString()), Optional.empty()))
                .isInstanceOf(ImException.class).hasMessage("plugins.dir " + file + " is not a directory");
    }

    @Test
    void aMissingDefaultFolderAnEmptyFolderAndAnEmptySettingGiveNoPlugins() throws Exception {
        assertThat(PluginFolder.open(TrackedConfig.of(Map.of()), Optional.of(dir.resolve("plugins"))).plugins())
                .isEmpty();

        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("README.txt"), "drop plugin jars here");
        assertThat(PluginFolder.open(config(empty.toString()), Optional.empty()).plugins()).isEmpty();

        greeterJar("greeter.jar", "greeter", "greeter", "1.0");
        assertThat(PluginFolder.open(config(" "), Optional.of(dir)).plugins()).isEmpty();
    }

    @Test
    void theDefaultFolderIsReadWhenItExistsUnlessTheSettingNamesAnother() throws Exception {
        Path jar = greeterJar("greeter.jar", "greeter", "greeter", "1.0");

        folder = PluginFolder.open(TrackedConfig.of(Map.of()), Optional.of(dir));
        assertThat(folder.jars()).containsExactly(jar);
        folder.close();

        Path other = Files.createDirectory(dir.resolve("other"));
        folder = PluginFolder.open(config(other.toString()), Optional.of(dir));
        assertThat(folder.jars()).isEmpty();
    }

    @Test
    void closingTheFolderClosesTheJarsClassLoaders() {
        greeterJar("greeter.jar", "greeter", "greeter", "1.0");
        folder = PluginFolder.load(dir);
        ClassLoader loader = folder.plugins().get(0).getClass().getClassLoader();

        folder.close();

        assertThatThrownBy(() -> loader.loadClass("shared.Helper")).isInstanceOf(ClassNotFoundException.class);
    }

    private static TrackedConfig config(String pluginsDir) {
        return TrackedConfig.of(Map.of(PluginFolder.DIR_KEY, pluginsDir));
    }
}
