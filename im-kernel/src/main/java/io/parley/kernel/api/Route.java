package io.parley.kernel.api;

import io.parley.api.route.ApiRequest;
import io.parley.api.route.ApiResponse;
import io.parley.api.route.ServerApiRoute;
import java.util.function.Function;

/** A server-API route made from a path and a method reference; kernel endpoints are declared with it. */
public record Route(String path, Function<ApiRequest, ApiResponse> handler) implements ServerApiRoute {
    @Override
    public ApiResponse handle(ApiRequest request) {
        return handler.apply(request);
    }
}
