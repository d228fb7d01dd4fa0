package io.parley.kernel.transport;

import io.parley.api.plugin.ConnectionGuard;
import io.parley.kernel.plugin.PluginContributions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The guards asked at CONNECT: the kernel's own first (its features' modules contribute them through a multibinder;
 * a deactivated user is told so, 31029, before any plugin's refusal), then the plugins', in the plugins' order.
 */
@Singleton
public final class ConnectionGuards {
    private final List<ConnectionGuard> all;

    @Inject
    public ConnectionGuards(Set<ConnectionGuard> kernel, PluginContributions plugins) {
        this.all = Stream.concat(kernel.stream(), plugins.connectionGuards().stream()).toList();
    }

    public List<ConnectionGuard> all() {
        return all;
    }
}
