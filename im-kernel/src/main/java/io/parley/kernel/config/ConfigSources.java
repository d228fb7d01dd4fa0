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
 * Values given to the embedding builder count as file values.
 */
public final class ConfigSources {
    public static final String ENV_PREFIX = "PARLEY_";
    public static final String SYSPROP_PREFIX = "parley.";
    /** The environment variable naming the config file; it is not itself a config key. */
    public static final String CONFIG_FILE_ENV = "PARLEY_CONFIG";

    private final Map<String, String> fileValues;
    private final Map<String, String> envValues;
    private final Map<String, String> syspropValues;

    public ConfigSources(Map<String, String> fileValues, Map<String, String> envValues,
            Map<String, String> syspropValues) {
        this.fileValues = Map.copyOf(fileValues);
        this.envValues = Map.copyOf(envValues);
        this.syspropValues = Map.copyOf(syspropValues);
    }

    /** Only the given values: no environment, no system properties. For tests and embedding. */
    public static ConfigSources ofValues(Map<String, String> values) {
        return new ConfigSources(values, Map.of(), Map.of());
    }

    /**
     * Reads the file (if any; {@code explicitFile}, else {@code $PARLEY_CONFIG}), the {@code PARLEY_*}
     * environment and the {@code parley.*} system properties, on top of {@code builderValues}.
     */
    public static ConfigSources load(Map<String, String> builderValues, Optional<Path> explicitFile,
            Map<String, String> environment, Properties systemProperties) {
        Map<String, String> file = new HashMap<>(builderValues);
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
        return new ConfigSources(file, env, sys);
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
        String value = syspropValues.get(key);
        if (value == null) {
            value = envValues.get(envName(key));
        }
        if (value == null) {
            value = fileValues.get(key);
        }
        return Optional.ofNullable(value);
    }

    /** Keys written out in the file, builder or system properties. */
    public java.util.Set<String> explicitKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>(fileValues.keySet());
        keys.addAll(syspropValues.keySet());
        return keys;
    }

    /** The {@code PARLEY_*} environment variable names seen. */
    public java.util.Set<String> envNames() {
        return new java.util.TreeSet<>(envValues.keySet());
    }
}
