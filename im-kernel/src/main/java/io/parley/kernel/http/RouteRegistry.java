package io.parley.kernel.http;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.route.ServerApiRoute;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** Server-API routes by path, the kernel's and the plugins'. Immutable after startup. */
public final class RouteRegistry {
    private final Map<String, ServerApiRoute> byPath = new HashMap<>();

    public RouteRegistry(List<ServerApiRoute> routes) {
        for (ServerApiRoute route : routes) {
            if (byPath.putIfAbsent(route.path(), route) != null) {
                throw ImException.invalidParameter("two server-API routes claim " + route.path());
            }
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
    public SortedSet<String> paths() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byPath.keySet()));
    }
}
