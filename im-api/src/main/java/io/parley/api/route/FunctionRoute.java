package io.parley.api.route;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * A server-API route made of a path and a function, so that one {@code *Api} class can contribute a family
 * of small endpoints. Called like any route: on a server-API worker thread; may block on storage.
 */
public record FunctionRoute(String path, Function<ApiRequest, ApiResponse> handler) implements ServerApiRoute {
    public FunctionRoute {
        requireNonNull(path, "path is null");
        requireNonNull(handler, "handler is null");
        if (!path.startsWith("/") || !path.endsWith(".json")) {
            throw new IllegalArgumentException("a route path looks like /area/action.json: " + path);
        }
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        return handler.apply(request);
    }
}
