package io.parley.kernel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.plugin.ImPlugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginManagerTest {

    static final class Alpha implements ImPlugin {
        @Override
        public String name() {
            return "alpha";
        }
    }

    static final class OtherAlpha implements ImPlugin {
        @Override
        public String name() {
            return "alpha";
        }
    }

    static final class FromFolder implements ImPlugin {
        @Override
        public String name() {
            return "from-folder";
        }
    }

    /** Found through META-INF/services in a temporary directory; public with a public constructor for ServiceLoader. */
    public static final class Discovered implements ImPlugin {
        public Discovered() {
        }

        @Override
        public String name() {
            return "discovered";
        }
    }

    @TempDir
    Path dir;

    private ClassLoader loaderListing(Class<? extends ImPlugin> plugin) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(ImPlugin.class.getName()), plugin.getName() + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void duplicateNamesFailNamingBothClasses() {
        assertThatThrownBy(() -> PluginManager.load(List.of(new Alpha()), false, List.of(),
                List.of(new OtherAlpha()), getClass().getClassLoader()))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("'alpha'")
                .hasMessageContaining(Alpha.class.getName())
                .hasMessageContaining(OtherAlpha.class.getName());
    }

    @Test
    void keepsOrderBuiltInsThenDiscoveredThenFolderThenExplicit() throws IOException {
        List<ImPlugin> plugins = PluginManager.load(List.of(new KernelPlugin()), true, List.of(new FromFolder()),
                List.of(new Alpha()), loaderListing(Discovered.class));

        assertThat(plugins).extracting(ImPlugin::name).containsExactly("kernel", "discovered", "from-folder", "alpha");
    }

    @Test
    void discoveryOffIgnoresServiceFiles() throws IOException {
        List<ImPlugin> plugins = PluginManager.load(List.of(new KernelPlugin()), false, List.of(),
                List.of(new Alpha()), loaderListing(Discovered.class));

        assertThat(plugins).extracting(ImPlugin::name).containsExactly("kernel", "alpha");
    }

    /** A plugin of a name and the names it depends on. */
    private static ImPlugin named(String name, String... dependsOn) {
        return new ImPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> dependsOn() {
                return List.of(dependsOn);
            }
        };
    }

    @Test
    void putsEachPluginAfterWhatItDependsOnAndKeepsTheFoundOrderOtherwise() {
        List<ImPlugin> plugins = PluginManager.load(List.of(new KernelPlugin()), false, List.of(),
                List.of(named("bot", "reactions", "polls"), named("audit"), named("polls", "reactions"),
                        named("reactions")),
                getClass().getClassLoader());

        assertThat(plugins).extracting(ImPlugin::name)
                .containsExactly("kernel", "reactions", "polls", "bot", "audit");
    }

    @Test
    void aDependencyOnAPluginNotLoadedFailsNamingBoth() {
        assertThatThrownBy(() -> PluginManager.load(List.of(), false, List.of(), List.of(named("bot", "reactions")),
                getClass().getClassLoader()))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("'bot'")
                .hasMessageContaining("'reactions'")
                .hasMessageContaining("not loaded");
    }

    @Test
    void aCycleFailsShowingIt() {
        assertThatThrownBy(() -> PluginManager.load(List.of(), false, List.of(),
                List.of(named("a", "b"), named("b", "c"), named("c", "a")), getClass().getClassLoader()))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("a -> b -> c -> a");
    }
}
