package io.parley.kernel;

import io.parley.api.plugin.PluginConfig;
import io.parley.kernel.http.HttpEndpoint;
import java.util.List;

/**
 * Makes the endpoints an embedder mounts on the HTTP port ({@code Parley.builder().httpEndpoints(…)}).
 * Called once while the server starts, on the starting thread, after the kernel is wired and before the
 * HTTP port opens. It may read config (keys it reads count as used, so unknown-key checking still works) and
 * look up kernel objects through {@code server.kernelObject(…)}; it must not block on the network.
 */
@FunctionalInterface
public interface HttpEndpointFactory {
    List<HttpEndpoint> create(ParleyServer server, PluginConfig config);
}
