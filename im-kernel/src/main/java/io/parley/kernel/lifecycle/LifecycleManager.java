package io.parley.kernel.lifecycle;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one lifecycle: starts services in dependency order and stops them in reverse. A resource opened while
 * the server is put together (the plugins folder, storage, the cluster, plugins' own resources, the executors) is
 * {@linkplain #adopt adopted} as it opens, so that it closes in reverse order at stop, after everything started
 * later, and also when a later step of startup fails. If a start fails half-way, everything adopted or started is
 * stopped, in reverse, and the failure is rethrown. Not thread-safe: the server's
 * start and stop are called from one thread at a time.
 */
public final class LifecycleManager {
    private static final Logger log = LoggerFactory.getLogger(LifecycleManager.class);

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Deque<Service> started = new ArrayDeque<>();

    public void register(Service service) {
        if (services.putIfAbsent(service.name(), service) != null) {
            throw new IllegalArgumentException("two services named " + service.name());
        }
    }

    /**
     * Takes a resource that is open already: it counts as started, so {@link #stopAll} stops it, in reverse order of
     * adoption and start, and {@link #startAll} does not start it again.
     */
    public void adopt(Service service) {
        register(service);
        started.push(service);
    }

    /** The registered services in an order where each comes after everything it depends on. */
    public List<Service> startOrder() {
        List<Service> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (Service service : services.values()) {
            visit(service, done, visiting, order);
        }
        return order;
    }

    private void visit(Service service, Set<String> done, Set<String> visiting, List<Service> order) {
        if (done.contains(service.name())) {
            return;
        }
        if (!visiting.add(service.name())) {
            throw new IllegalStateException("dependency cycle through service " + service.name());
        }
        for (String dependency : service.dependsOn()) {
            Service required = services.get(dependency);
            if (required == null) {
                throw new IllegalStateException(service.name() + " depends on unknown service " + dependency);
            }
            visit(required, done, visiting, order);
        }
        visiting.remove(service.name());
        done.add(service.name());
        order.add(service);
    }

    public void startAll() {
        for (Service service : startOrder()) {
            if (started.contains(service)) {
                continue;
            }
            try {
                log.debug("starting {}", service.name());
                service.start();
                started.push(service);
            } catch (Exception e) {
                log.error("{} failed to start; stopping the {} service(s) already started", service.name(),
                        started.size(), e);
                stopAll();
                if (e instanceof ImException imException) {
                    throw imException;
                }
                throw new ImException(StandardErrorCode.INTERNAL_ERROR,
                        service.name() + " failed to start: " + e.getMessage(), e);
            }
        }
    }

    /** Stops every started service in reverse order; a failing stop is logged and the rest still stop. */
    public void stopAll() {
        while (!started.isEmpty()) {
            Service service = started.pop();
            try {
                log.debug("stopping {}", service.name());
                service.stop();
            } catch (Exception e) {
                log.warn("{} failed to stop cleanly", service.name(), e);
            }
        }
    }

    /** Names of the services running now, in start order. */
    public List<String> running() {
        List<String> names = new ArrayList<>();
        started.descendingIterator().forEachRemaining(service -> names.add(service.name()));
        return names;
    }
}
