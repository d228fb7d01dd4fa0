package io.parley.kernel.plugin;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.plugin.ImPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * One jar of the plugins folder, loaded: its own {@link PluginJarClassLoader} and the {@link ImPlugin}s its
 * {@code META-INF/services/io.parley.api.plugin.ImPlugin} lists, made by {@link ServiceLoader} over that loader.
 * Whatever is wrong with the jar fails with a one-line {@link ImException} naming the jar and the problem: not a
 * jar, no services entry or an empty one, a listed class missing, not an {@code ImPlugin} or failing to be made, or
 * a plugin class needing a class that the plugins folder does not share. {@link #close()} closes the class loader.
 */
public final class PluginJar implements AutoCloseable {
    /** Where a jar lists its plugin classes, one fully qualified name a line. */
    public static final String SERVICES_ENTRY = "META-INF/services/" + ImPlugin.class.getName();

    private final Path jar;
    private final PluginJarClassLoader loader;
    private final List<ImPlugin> plugins;

    private PluginJar(Path jar, PluginJarClassLoader loader, List<ImPlugin> plugins) {
        this.jar = jar;
        this.loader = loader;
        this.plugins = List.copyOf(plugins);
    }

    /** Checks the jar, then loads the plugins it lists with a class loader of its own over {@code shared}. */
    public static PluginJar load(Path jar, SharedApiClassLoader shared) {
        requireServicesEntry(jar);
        PluginJarClassLoader loader = new PluginJarClassLoader(jar, shared);
        try {
            return new PluginJar(jar, loader, loadPlugins(jar, loader));
        } catch (RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    /** Fails unless the file is a readable jar with a services entry that names at least one class. */
    private static void requireServicesEntry(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw broken(jar, "not a regular file", null);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(SERVICES_ENTRY);
            if (entry == null) {
                throw broken(jar, "no " + SERVICES_ENTRY + " entry; list the jar's plugin classes there", null);
            }
            try (InputStream in = file.getInputStream(entry)) {
                if (listedClassNames(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEmpty()) {
                    throw broken(jar, SERVICES_ENTRY + " lists no class", null);
                }
            }
        } catch (ZipException e) {
            throw broken(jar, "not a jar (zip) file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw broken(jar, "unreadable: " + e, e);
        }
    }

    /** The class names of a services file: one a line, {@code #} comments and blank lines ignored. */
    private static List<String> listedClassNames(String servicesFile) {
        List<String> names = new ArrayList<>();
        for (String line : servicesFile.split("\\R")) {
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Makes every listed plugin and reads what the kernel reads before creating instances (name, dependencies,
     * message types, provider factories), so that a class the jar cannot link fails here, naming the jar.
     */
    private static List<ImPlugin> loadPlugins(Path jar, PluginJarClassLoader loader) {
        List<ImPlugin> plugins = new ArrayList<>();
        try {
            for (ImPlugin plugin : ServiceLoader.load(ImPlugin.class, loader)) {
                plugin.name();
                plugin.dependsOn();
                plugin.messageTypes();
                plugin.providerFactories();
                plugins.add(plugin);
            }
        } catch (ServiceConfigurationError e) {
            throw broken(jar, withoutServicePrefix(e.getMessage()) + causeOf(e), e);
        } catch (LinkageError e) {
            throw broken(jar, "a plugin class cannot be linked: " + describe(e), e);
        } catch (RuntimeException e) {
            throw broken(jar, "a plugin failed to describe itself: " + describe(e), e);
        }
        return plugins;
    }

    private static String withoutServicePrefix(String message) {
        String prefix = ImPlugin.class.getName() + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length())
                : String.valueOf(message);
    }

    private static String causeOf(ServiceConfigurationError e) {
        return e.getCause() == null ? "" : ": " + describe(e.getCause());
    }

    /**
     * A throwable on one line, with its cause when it has no message of its own (a static initializer that threw);
     * a missing class is named, with what to do about it.
     */
    private static String describe(Throwable problem) {
        boolean namesAClass = problem.getMessage() != null && !problem.getMessage().contains(" ");
        if (problem instanceof NoClassDefFoundError && namesAClass) {
            String className = problem.getMessage().replace('/', '.');
            return "needs class " + className + ", which the jar does not hold and the plugins folder does not share"
                    + " (shared: the JDK, " + String.join(", ", SharedApiClassLoader.SHARED_PACKAGES.stream()
                            .map(prefix -> prefix + "*").toList())
                    + (className.startsWith("io.parley.") ? "; plugins use io.parley.api only, never the kernel)"
                            : "; bundle it in the plugin jar)");
        }
        if (problem.getMessage() == null && problem.getCause() != null) {
            return problem.getClass().getName() + ": " + describe(problem.getCause());
        }
        return problem.getClass().getName() + (problem.getMessage() == null ? "" : ": " + problem.getMessage());
    }

    private static ImException broken(Path jar, String problem, Throwable cause) {
        String message = ("plugin jar " + jar + ": " + problem).replaceAll("\\s*\\R\\s*", " ");
        return cause == null ? ImException.invalidParameter(message)
                : new ImException(StandardErrorCode.INVALID_PARAMETER, message, cause);
    }

    private static void closeQuietly(PluginJarClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing was loaded from it that needs it open
        }
    }

    public Path jar() {
        return jar;
    }

    /** The jar's plugins, in the order its services entry lists them. */
    public List<ImPlugin> plugins() {
        return plugins;
    }

    /** Closes the jar's class loader: call it once the plugins' instances are closed. */
    @Override
    public void close() throws IOException {
        loader.close();
    }
}
