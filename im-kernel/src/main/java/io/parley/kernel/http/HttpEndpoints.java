package io.parley.kernel.http;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The endpoints mounted on the HTTP port ({@link HttpEndpoint}), in mounting order. Mounted while the server
 * starts, before the HTTP port opens; read on every request. Thread-safe.
 */
@Singleton
public final class HttpEndpoints {
    private final List<HttpEndpoint> endpoints = new CopyOnWriteArrayList<>();

    public void mount(HttpEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    /** The first endpoint that answers {@code method} on {@code path}. */
    public Optional<HttpEndpoint> find(String method, String path) {
        for (HttpEndpoint endpoint : endpoints) {
            if (endpoint.handles(method, path)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    /** The largest body any endpoint takes, or {@code serverApiLimit} if that is larger: what the aggregator must hold. */
    public int largestRequestBytes(int serverApiLimit) {
        int largest = serverApiLimit;
        for (HttpEndpoint endpoint : endpoints) {
            largest = Math.max(largest, endpoint.maxRequestBytes());
        }
        return largest;
    }

    /** The body limit for one request: its endpoint's, else the server API's. */
    public int requestLimit(String method, String path, int serverApiLimit) {
        return find(method, path).map(HttpEndpoint::maxRequestBytes).filter(limit -> limit > 0).orElse(serverApiLimit);
    }
}
