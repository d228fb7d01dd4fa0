package io.parley.kernel.http;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.feature.KernelRoutes;
import io.parley.kernel.plugin.PluginContributions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Server-API routes by path, the kernel's and the plugins', and who contributed each. Immutable after startup. */
@Singleton
public final class RouteRegistry {
    /** The owner of a route no plugin contributed: the kernel's own server API. */
    public static final String KERNEL = "kernel";

    private final Map<String, ServerApiRoute> byPath = new HashMap<>();
    private final SortedMap<String, String> owners = new TreeMap<>();

    /** The kernel's own routes (each feature's module contributes them), then the plugins', with their owners. */
    @Inject
    public RouteRegistry(Set<KernelRoutes> kernel, PluginContributions plugins) {
        this(Stream.concat(kernel.stream().flatMap(routes -> routes.routes().stream()), plugins.routes().stream())
                .toList(), plugins.routeOwners());
    }

    public RouteRegistry(List<ServerApiRoute> routes) {
        this(routes, Map.of());
    }

    /** @param owners the plugin that contributed a route, by path; a path missing here is the kernel's */
    public RouteRegistry(List<ServerApiRoute> routes, Map<String, String> owners) {
        for (ServerApiRoute route : routes) {
            if (byPath.putIfAbsent(route.path(), route) != null) {
                throw ImException.invalidParameter("two server-API routes claim " + route.path());
            }
            String owner = owners.getOrDefault(route.path(), "");
            this.owners.put(route.path(), owner.isEmpty() ? KERNEL : owner);
        }
    }

    public ServerApiRoute get(String path) {
        ServerApiRoute route = byPath.get(path);
        if (route == null) {
            throw new ImException(StandardErrorCode.NOT_FOUND, "no such endpoint: " + path);
        }
        return route;
    }

    public int size() {
        return byPath.size();
    }

    /** Every path served, sorted: the kernel's and the plugins'. */
    /** Whether {@code path} is served. */
    public boolean serves(String path) {
        return byPath.containsKey(path);
    }

    public SortedSet<String> paths() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byPath.keySet()));
    }

    /** Every path served, sorted, with the plugin that contributed it ({@link #KERNEL} for the kernel's own). */
    public SortedMap<String, String> owners() {
        return new TreeMap<>(owners);
    }
}
