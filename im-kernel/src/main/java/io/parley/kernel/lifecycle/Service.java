package io.parley.kernel.lifecycle;

import java.util.List;

/** A part of the kernel that starts and stops: a transport, a sweeper, the event bus. */
public interface Service {

    /** A unique name, used in logs and in other services' {@link #dependsOn()}. */
    String name();

    /** Services that must be running before this one starts, and that stop after it. */
    default List<String> dependsOn() {
        return List.of();
    }

    /** Starts the service; throws to fail startup. Called on the starting thread. */
    void start() throws Exception;

    /** Stops the service and releases what it holds. Must not throw for a service that started. */
    void stop() throws Exception;

    /** A service whose start is {@code starter} and whose stop has nothing to do (what it starts closes elsewhere). */
    static Service starting(String name, Runnable starter) {
        return new Simple(name, starter, () -> { });
    }

    /** A resource that is open already (storage, the cluster, executors) and only needs closing at stop. */
    static Service closing(String name, Runnable closer) {
        return new Simple(name, () -> { }, closer);
    }

    /** A service made of a name and two actions. */
    record Simple(String name, Runnable starter, Runnable stopper) implements Service {
        @Override
        public void start() {
            starter.run();
        }

        @Override
        public void stop() {
            stopper.run();
        }
    }
}
