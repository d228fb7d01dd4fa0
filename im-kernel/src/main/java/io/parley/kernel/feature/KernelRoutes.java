package io.parley.kernel.feature;

import io.parley.api.route.ServerApiRoute;
import java.util.List;

/**
 * Server-API routes one of the kernel's own features serves. Each feature's module adds its implementations to a
 * Guice multibinder ({@code Multibinder<KernelRoutes>}); the route registry takes them all, then the plugins' routes.
 * The order in which features contribute does not matter: routes are looked up by path.
 */
public interface KernelRoutes {
    /** The routes, each with a path no other route claims. Called once, while the server is put together. */
    List<ServerApiRoute> routes();
}
