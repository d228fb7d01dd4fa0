package io.parley.kernel.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every plugins-folder jar's class loader: it shares with plugins the JDK (its own parent, the
 * platform class loader) and, from the server's class loader, only the packages in {@link #SHARED_PACKAGES}: the
 * plugin API ({@code io.parley.api}), the SLF4J API ({@code org.slf4j}) and Jackson ({@code com.fasterxml.jackson}).
 * Any other class, the kernel's included, is refused with {@link ClassNotFoundException}, so a plugin sees only
 * what it bundles in its jar and these. Resources are filtered the same way: only those under the shared packages'
 * folders are found here, so a jar's {@code META-INF} (its {@code services} files above all) comes from the jar
 * alone.
 */
public final class SharedApiClassLoader extends ClassLoader {
    /** The package prefixes plugins share with the server; everything else a plugin needs it bundles. */
    public static final List<String> SHARED_PACKAGES =
            List.of("io.parley.api.", "org.slf4j.", "com.fasterxml.jackson.");

    private static final List<String> SHARED_RESOURCE_FOLDERS = SHARED_PACKAGES.stream()
            .map(prefix -> prefix.replace('.', '/')).toList();

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader serverLoader;

    /** Shares the allowed packages of {@code serverLoader}, the loader that holds im-api, SLF4J and Jackson. */
    public SharedApiClassLoader(ClassLoader serverLoader) {
        super("parley-shared-api", ClassLoader.getPlatformClassLoader());
        this.serverLoader = serverLoader;
    }

    /** Whether a class of this name is shared with plugins. */
    public static boolean isShared(String className) {
        return SHARED_PACKAGES.stream().anyMatch(className::startsWith);
    }

    /** Called once the JDK has no such class: the server's copy if the class is shared, else refused. */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (!isShared(name)) {
            throw new ClassNotFoundException(name + " is not shared with plugins-folder jars (shared: the JDK, "
                    + String.join(", ", SHARED_PACKAGES) + "); bundle it in the plugin jar");
        }
        return serverLoader.loadClass(name);
    }

    @Override
    protected URL findResource(String name) {
        return isSharedResource(name) ? serverLoader.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return isSharedResource(name) ? serverLoader.getResources(name) : Collections.emptyEnumeration();
    }

    private static boolean isSharedResource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        return SHARED_RESOURCE_FOLDERS.stream().anyMatch(path::startsWith);
    }
}
