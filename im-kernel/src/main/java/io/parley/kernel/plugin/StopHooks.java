package io.parley.kernel.plugin;

import io.parley.kernel.lifecycle.Service;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What plugins asked to have closed at stop ({@code PluginContext.onStop}), closed in reverse order: a service of the
 * server's lifecycle, adopted before the plugins are created. Thread-safe.
 */
public final class StopHooks implements Service {
    private static final Logger log = LoggerFactory.getLogger(StopHooks.class);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    @Override
    public String name() {
        return "plugin-resources";
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        closeAll();
    }

    public synchronized void add(AutoCloseable resource) {
        resources.push(resource);
    }

    /** Closes everything registered, newest first; a failure is logged and the rest still close. */
    public void closeAll() {
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = resources.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.close();
            } catch (Exception e) {
                log.warn("a plugin resource failed to close", e);
            }
        }
    }
}
