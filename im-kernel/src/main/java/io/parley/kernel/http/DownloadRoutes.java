package io.parley.kernel.http;

import io.parley.api.route.DownloadRoute;
import io.parley.kernel.plugin.PluginContributions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The plugins' {@link DownloadRoute}s: files served by unsigned {@code GET <prefix><name>} on the HTTP port, each
 * route checking its own links. Prefixes are checked at startup (they start and end with {@code /}, and none is
 * another's start). Immutable; read on every GET.
 */
@Singleton
public final class DownloadRoutes {
    private final List<DownloadRoute> routes;

    @Inject
    public DownloadRoutes(PluginContributions plugins) {
        this(plugins.downloadRoutes());
    }

    public DownloadRoutes(List<DownloadRoute> routes) {
        for (DownloadRoute route : routes) {
            String prefix = route.prefix();
            if (prefix == null || prefix.length() < 2 || !prefix.startsWith("/") || !prefix.endsWith("/")) {
                throw new IllegalArgumentException("a download prefix starts and ends with '/', e.g. /files/: " + prefix);
            }
            for (DownloadRoute other : routes) {
                if (other != route && other.prefix().startsWith(prefix)) {
                    throw new IllegalArgumentException("two download routes claim " + other.prefix());
                }
            }
        }
        this.routes = List.copyOf(routes);
    }

    /** The route serving {@code path}, if any. Called on an event loop: quick. */
    public Optional<DownloadRoute> find(String path) {
        for (DownloadRoute route : routes) {
            if (path.startsWith(route.prefix())) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
