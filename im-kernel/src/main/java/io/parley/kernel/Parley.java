package io.parley.kernel;

import io.parley.api.plugin.ImPlugin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Embeds a Parley server in a host JVM application:
 * <pre>{@code
 * ParleyServer server = Parley.builder()
 *         .config("app.key", "my-key").config("app.secret", "my-secret")
 *         .config("data.dir", "/var/lib/myapp/parley")
 *         .plugin(new MyPlugin())
 *         .build();
 * server.start();
 * ...
 * server.stop();
 * }</pre>
 * Values given here count as config-file values: environment variables ({@code PARLEY_*}) and system
 * properties ({@code parley.*}) still override them unless {@link Builder#isolated()} is called.
 *
 * <p>Plugins come from the class path ({@code META-INF/services}), from the plugins folder ({@code plugins.dir},
 * default {@code ./plugins}, each jar in a class loader of its own: see {@code PluginFolder}) and from
 * {@link Builder#plugin}. The default folder is read only when it exists, and never by an isolated builder.
 */
public final class Parley {
    private Parley() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects what a server is made of. Not thread-safe; build once. */
    public static final class Builder {
        final Map<String, String> config = new HashMap<>();
        final List<ImPlugin> plugins = new ArrayList<>();
        Optional<Path> configFile = Optional.empty();
        boolean discoverPlugins = true;
        boolean isolated;
        Clock clock = Clock.systemUTC();
        final List<HttpEndpointFactory> httpEndpoints = new ArrayList<>();

        private Builder() {
        }

        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public Builder config(Map<String, String> values) {
            config.putAll(values);
            return this;
        }

        /** A properties file read on top of the builder's values. */
        public Builder configFile(Path file) {
            configFile = Optional.of(file);
            return this;
        }

        /** Adds a plugin instance, beside those found on the class path. */
        public Builder plugin(ImPlugin plugin) {
            plugins.add(plugin);
            return this;
        }

        /** Whether to load plugins listed in {@code META-INF/services} (default true). */
        public Builder discoverPlugins(boolean discover) {
            discoverPlugins = discover;
            return this;
        }

        /**
         * Ignore the environment and system properties: only the builder's values and file count. The default
         * plugins folder ({@code ./plugins}) is not read either; a {@code plugins.dir} given here still is. For tests.
         */
        public Builder isolated() {
            isolated = true;
            return this;
        }

        /**
         * Mounts extra endpoints on the HTTP port (web pages, a console, uploads), made once the kernel is wired
         * and before the port opens; see {@link HttpEndpointFactory}. Factories run in the order given.
         */
        public Builder httpEndpoints(HttpEndpointFactory factory) {
            httpEndpoints.add(factory);
            return this;
        }

        public Builder clock(Clock newClock) {
            clock = newClock;
            return this;
        }

        public ParleyServer build() {
            return new ParleyServer(this);
        }
    }
}
