package io.parley.kernel.config;

import io.parley.api.error.ImException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where configuration comes from, in rising precedence: a properties file, environment variables, system
 * properties. A key {@code session.multi-device} is read from the file as is, from the environment as
 * {@code PARLEY_SESSION_MULTI_DEVICE}, and from system properties as {@code parley.session.multi-device}.
 * Values given to the embedding builder rank as file values, under the file's own; {@link #origin} tells them apart.
 */
public final class ConfigSources {
    public static final String ENV_PREFIX = "PARLEY_";
    public static final String SYSPROP_PREFIX = "parley.";
    /** The environment variable naming the config file; it is not itself a config key. */
    public static final String CONFIG_FILE_ENV = "PARLEY_CONFIG";

    /** Where a key's value came from, by rising precedence: a builder value, the file, the environment, a system property. */
    public enum Origin {
        BUILDER("builder"), FILE("file"), ENVIRONMENT("environment"), SYSTEM_PROPERTY("system property");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        /** How the effective configuration names it: {@code builder}, {@code file}, {@code environment}, {@code system property}. */
        public String label() {
            return label;
        }
    }

    private final Map<String, String> builderValues;
    private final Map<String, String> fileValues;
    private final Map<String, String> envValues;
    private final Map<String, String> syspropValues;

    public ConfigSources(Map<String, String> fileValues, Map<String, String> envValues,
            Map<String, String> syspropValues) {
        this(Map.of(), fileValues, envValues, syspropValues);
    }

    /** @param builderValues values given to the embedding builder: the file's own values override them */
    public ConfigSources(Map<String, String> builderValues, Map<String, String> fileValues, Map<String, String> envValues,
            Map<String, String> syspropValues) {
        this.builderValues = Map.copyOf(builderValues);
        this.fileValues = Map.copyOf(fileValues);
        this.envValues = Map.copyOf(envValues);
        this.syspropValues = Map.copyOf(syspropValues);
    }

    /** Only the given values, as builder values: no file, no environment, no system properties. For tests and embedding. */
    public static ConfigSources ofValues(Map<String, String> values) {
        return new ConfigSources(values, Map.of(), Map.of(), Map.of());
    }

    /**
     * Reads the file (if any; {@code explicitFile}, else {@code $PARLEY_CONFIG}), the {@code PARLEY_*}
     * environment and the {@code parley.*} system properties, on top of {@code builderValues}.
     */
    public static ConfigSources load(Map<String, String> builderValues, Optional<Path> explicitFile,
            Map<String, String> environment, Properties systemProperties) {
        Map<String, String> file = new HashMap<>();
        Optional<Path> path = explicitFile.or(() -> Optional.ofNullable(environment.get(CONFIG_FILE_ENV))
                .filter(value -> !value.isBlank()).map(Path::of));
        path.ifPresent(p -> file.putAll(readProperties(p)));
        Map<String, String> env = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.equals(CONFIG_FILE_ENV)) {
                env.put(name, value);
            }
        });
        Map<String, String> sys = new HashMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(SYSPROP_PREFIX)) {
                sys.put(name.substring(SYSPROP_PREFIX.length()), systemProperties.getProperty(name));
            }
        }
        return new ConfigSources(builderValues, file, env, sys);
    }

    private static Map<String, String> readProperties(Path path) {
        if (!Files.isRegularFile(path)) {
            throw ImException.invalidParameter("config file not found: " + path);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw ImException.invalidParameter("cannot read config file " + path + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name.trim(), properties.getProperty(name).trim());
        }
        return values;
    }

    /** The environment variable name for a key: {@code session.multi-device} → {@code PARLEY_SESSION_MULTI_DEVICE}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The effective value of a key, by precedence. */
    public Optional<String> lookup(String key) {
        return origin(key).map(origin -> switch (origin) {
            case SYSTEM_PROPERTY -> syspropValues.get(key);
            case ENVIRONMENT -> envValues.get(envName(key));
            case FILE -> fileValues.get(key);
            case BUILDER -> builderValues.get(key);
        });
    }

    /** Which source gives a key its effective value; empty when none sets it (its reader's default applies). */
    public Optional<Origin> origin(String key) {
        if (syspropValues.containsKey(key)) {
            return Optional.of(Origin.SYSTEM_PROPERTY);
        }
        if (envValues.containsKey(envName(key))) {
            return Optional.of(Origin.ENVIRONMENT);
        }
        if (fileValues.containsKey(key)) {
            return Optional.of(Origin.FILE);
        }
        return builderValues.containsKey(key) ? Optional.of(Origin.BUILDER) : Optional.empty();
    }

    /** Keys written out in the file, builder or system properties. */
    public java.util.Set<String> explicitKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>(fileValues.keySet());
        keys.addAll(builderValues.keySet());
        keys.addAll(syspropValues.keySet());
        return keys;
    }

    /** The {@code PARLEY_*} environment variable names seen. */
    public java.util.Set<String> envNames() {
        return new java.util.TreeSet<>(envValues.keySet());
    }
}
