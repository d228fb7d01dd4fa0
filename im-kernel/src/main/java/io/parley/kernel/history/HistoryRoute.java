package io.parley.kernel.history;

import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import java.util.function.Function;

/** A server-API route of the history package, made from a path and a method reference. Immutable. */
record HistoryRoute(String path, Function<ApiRequest, ApiResponse> handler) implements ServerApiRoute {
    @Override
    public ApiResponse handle(ApiRequest request) {
        return handler.apply(request);
    }
}
