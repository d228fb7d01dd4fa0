package io.parley.kernel.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiGuard;
import io.parley.api.route.ServerApiRoute;
import io.parley.kernel.plugin.PluginContributions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Serves one server-API request: verifies the signature, accepts it only once (replays are refused), parses form,
 * query or JSON parameters, runs the plugins' guards (rate limits), and calls the route. Blocks as long as the route
 * does; called on a worker thread. Errors are thrown as ImException.
 */
@Singleton
public final class ServerApiDispatcher {
    private final SignatureVerifier signatures;
    private final ReplayGuard replays;
    private final RouteRegistry routes;
    private final List<ServerApiGuard> guards;

    /** The plugins' guards, in the plugins' order. */
    @Inject
    public ServerApiDispatcher(SignatureVerifier signatures, ReplayGuard replays, RouteRegistry routes,
            PluginContributions contributions) {
        this(signatures, replays, routes, contributions.apiGuards());
    }

    public ServerApiDispatcher(SignatureVerifier signatures, ReplayGuard replays, RouteRegistry routes,
            List<ServerApiGuard> guards) {
        this.signatures = signatures;
        this.replays = replays;
        this.routes = routes;
        this.guards = List.copyOf(guards);
    }

    /** Every server-API path, sorted, with the plugin that serves it ({@code kernel} for the kernel's own). */
    public java.util.SortedMap<String, String> routes() {
        return routes.owners();
    }

    public ApiResponse dispatch(FullHttpRequest request) {
        replays.acceptOnce(signatures.verify(request.headers()));
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        String body = request.content().toString(StandardCharsets.UTF_8);
        String rawQuery = uri.rawQuery();
        ApiRequest apiRequest = contentType.startsWith("application/json")
                ? new ApiRequest(path, FormParser.parse(rawQuery, ""), Optional.of(body))
                : new ApiRequest(path, FormParser.parse(rawQuery, body), Optional.empty());
        ServerApiRoute route = routes.get(path);
        for (ServerApiGuard guard : guards) {
            guard.check(apiRequest);
        }
        return route.handle(apiRequest);
    }

    /**
     * Serves a request made inside the server by a caller that authenticated another way (the operator console,
     * behind its login): the plugins' guards, then the route, exactly as {@link #dispatch} does after the signature.
     * Blocks as long as the route does; call it on a worker thread. Errors are thrown as ImException.
     */
    public ApiResponse dispatchTrusted(ApiRequest request) {
        ServerApiRoute route = routes.get(request.path());
        for (ServerApiGuard guard : guards) {
            guard.check(request);
        }
        return route.handle(request);
    }

    /** Whether {@code path} is a server-API path served. */
    public boolean serves(String path) {
        return routes.serves(path);
    }

    /** Every server-API path served, sorted; for tests and tools inside the project. */
    public SortedSet<String> routePaths() {
        return routes.paths();
    }
}
