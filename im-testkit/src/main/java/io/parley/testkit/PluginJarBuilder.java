package io.parley.testkit;

import io.parley.api.plugin.ImPlugin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A real plugin jar made at test time, for the plugins folder ({@code plugins.dir}): Java sources compiled in memory
 * by the JDK's compiler against the class-path entries holding the given classes (im-api always), written with a
 * manifest and, if asked, a {@code META-INF/services/io.parley.api.plugin.ImPlugin} entry into a jar. Sources that
 * stand for a bundled library go in the same jar, as a shaded plugin jar holds them.
 */
public final class PluginJarBuilder {
    /** Where a jar lists its plugin classes. */
    public static final String SERVICES_ENTRY = "META-INF/services/" + ImPlugin.class.getName();

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>();
    private String servicesEntry;

    private PluginJarBuilder() {
        compiledAgainst(ImPlugin.class);
    }

    /** A jar compiled against im-api. */
    public static PluginJarBuilder create() {
        return new PluginJarBuilder();
    }

    /** Adds a source file: {@code className} fully qualified, {@code code} the whole compilation unit. */
    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Writes the services entry listing these class names, one a line. */
    public PluginJarBuilder listing(String... classNames) {
        servicesEntry = String.join("\n", classNames) + "\n";
        return this;
    }

    /** Adds the class-path entries (jar or folder) holding these classes to what the sources compile against. */
    public PluginJarBuilder compiledAgainst(Class<?>... types) {
        for (Class<?> type : types) {
            try {
                classPath.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    /** Compiles, writes the jar and returns its path. */
    public Path writeTo(Path jar) {
        Map<String, byte[]> classes = compile();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey().replace('.', '/') + ".class"));
                out.write(entry.getValue());
                out.closeEntry();
            }
            if (servicesEntry != null) {
                out.putNextEntry(new JarEntry(SERVICES_ENTRY));
                out.write(servicesEntry.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private Map<String, byte[]> compile() {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> output = new TreeMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        JavaFileManager inMemory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return output.computeIfAbsent(className, name -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((className, code) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        }));
        List<String> options = List.of("--release", "17", "-classpath",
                classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        if (!compiler.getTask(null, inMemory, diagnostics, options, null, units).call()) {
            throw new IllegalStateException("the test plugin does not compile: " + diagnostics.getDiagnostics());
        }
        Map<String, byte[]> classes = new TreeMap<>();
        output.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }
}
