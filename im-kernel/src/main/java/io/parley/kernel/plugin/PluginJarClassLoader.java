package io.parley.kernel.plugin;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The class loader of one jar of the plugins folder: the jar's own classes over a {@link SharedApiClassLoader}
 * parent. It remembers its jar so that errors and logs can say where a plugin came from.
 */
public final class PluginJarClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Path jar;

    public PluginJarClassLoader(Path jar, SharedApiClassLoader parent) {
        super("plugin " + jar.getFileName(), new URL[] {toUrl(jar)}, parent);
        this.jar = jar;
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar this loader reads, as found in the plugins folder. */
    public Path jar() {
        return jar;
    }

    /** The plugins-folder jar an object's class came from; empty for a class from anywhere else. */
    public static Optional<Path> jarOf(Object object) {
        return object.getClass().getClassLoader() instanceof PluginJarClassLoader loader
                ? Optional.of(loader.jar())
                : Optional.empty();
    }

    /** An object's class name, followed by {@code from <jar>} when it came from the plugins folder. */
    public static String describe(Object object) {
        return object.getClass().getName() + jarOf(object).map(jar -> " from " + jar).orElse("");
    }
}
