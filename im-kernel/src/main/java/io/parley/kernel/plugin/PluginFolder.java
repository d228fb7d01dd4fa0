package io.parley.kernel.plugin;

import io.parley.api.error.ImException;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins folder ({@code plugins.dir}, default {@code ./plugins}): every {@code *.jar} directly in it, in file
 * name order, loaded as a {@link PluginJar} with a class loader of its own over one shared
 * {@link SharedApiClassLoader}. Files whose names do not end in {@code .jar} are ignored.
 *
 * <p>A {@code plugins.dir} that is set must be an existing folder; set to an empty value, it turns the folder off.
 * The default folder is read only when it exists, and not at all for a server that ignores its surroundings
 * ({@code Parley.builder().isolated()}), so that an embedded test never picks up a {@code ./plugins} by accident.
 * The first broken jar fails startup naming it. {@link #close()} closes the jars' class loaders: call it after the
 * plugins' instances, and anything made from their providers, are closed.
 */
public final class PluginFolder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginFolder.class);

    /** The config key naming the folder. */
    public static final String DIR_KEY = "plugins.dir";
    /** The folder read when {@link #DIR_KEY} is not set, relative to the working directory. */
    public static final Path DEFAULT_DIR = Path.of("./plugins");

    private final List<PluginJar> jars;
    private boolean closed;

    private PluginFolder(List<PluginJar> jars) {
        this.jars = List.copyOf(jars);
    }

    /** No folder: no plugins, nothing to close. */
    public static PluginFolder none() {
        return new PluginFolder(List.of());
    }

    /**
     * The folder {@code plugins.dir} of {@code rootConfig} names, loaded; without the key, {@code defaultFolder}
     * if given and it exists ({@link #DEFAULT_DIR} for a server, nothing for an isolated one), else none.
     */
    public static PluginFolder open(PluginConfig rootConfig, Optional<Path> defaultFolder) {
        Optional<String> configured = rootConfig.get(DIR_KEY).map(String::trim);
        if (configured.isPresent()) {
            if (configured.get().isEmpty()) {
                return none();
            }
            Path dir = Path.of(configured.get());
            if (!Files.exists(dir)) {
                throw ImException.invalidParameter(DIR_KEY + " " + dir + " does not exist (resolved against the"
                        + " working directory: " + dir.toAbsolutePath().normalize() + ")");
            }
            return load(dir);
        }
        return defaultFolder.filter(Files::exists).map(PluginFolder::load).orElseGet(PluginFolder::none);
    }

    /** Loads every jar of an existing folder; the first broken one fails, and the ones loaded before it close. */
    public static PluginFolder load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw ImException.invalidParameter(DIR_KEY + " " + dir + " is not a directory");
        }
        SharedApiClassLoader shared = new SharedApiClassLoader(PluginFolder.class.getClassLoader());
        List<PluginJar> loaded = new ArrayList<>();
        try {
            for (Path jar : jarsIn(dir)) {
                PluginJar pluginJar = PluginJar.load(jar, shared);
                loaded.add(pluginJar);
                log.info("plugins folder: loaded {} with plugin(s) {}", jar,
                        String.join(", ", pluginJar.plugins().stream().map(ImPlugin::name).toList()));
            }
        } catch (RuntimeException e) {
            new PluginFolder(loaded).close();
            throw e;
        }
        return new PluginFolder(loaded);
    }

    private static List<Path> jarsIn(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw ImException.invalidParameter(DIR_KEY + " " + dir + " cannot be listed: " + e);
        }
    }

    /** The plugins of every jar, jar by jar in file name order. */
    public List<ImPlugin> plugins() {
        return jars.stream().flatMap(jar -> jar.plugins().stream()).toList();
    }

    /** The jars loaded, in file name order. */
    public List<Path> jars() {
        return jars.stream().map(PluginJar::jar).toList();
    }

    /** Closes every jar's class loader, once; a failure is logged and the others still close. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PluginJar jar : jars) {
            try {
                jar.close();
            } catch (IOException | RuntimeException e) {
                log.warn("closing plugin jar {} failed", jar.jar(), e);
            }
        }
    }
}
