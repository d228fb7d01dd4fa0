package io.parley.kernel.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleManagerTest {
    private final List<String> events = new ArrayList<>();
    private final LifecycleManager manager = new LifecycleManager();

    private final class Recording implements Service {
        private final String name;
        private final List<String> dependsOn;
        private boolean failStart;
        private boolean failStop;

        Recording(String name, String... dependsOn) {
            this.name = name;
            this.dependsOn = List.of(dependsOn);
        }

        Recording failingStart() {
            failStart = true;
            return this;
        }

        Recording failingStop() {
            failStop = true;
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> dependsOn() {
            return dependsOn;
        }

        @Override
        public void start() throws Exception {
            if (failStart) {
                throw new java.io.IOException(name + " cannot bind");
            }
            events.add("start " + name);
        }

        @Override
        public void stop() {
            events.add("stop " + name);
            if (failStop) {
                throw new IllegalStateException(name + " stuck");
            }
        }
    }

    @Test
    void startsInDependencyOrderRegardlessOfRegistrationOrder() {
        manager.register(new Recording("http", "dispatch", "storage"));
        manager.register(new Recording("dispatch", "storage"));
        manager.register(new Recording("storage"));

        manager.startAll();

        assertThat(events).containsExactly("start storage", "start dispatch", "start http");
        assertThat(manager.running()).containsExactly("storage", "dispatch", "http");
    }

    @Test
    void stopsInReverseStartOrder() {
        manager.register(new Recording("http", "dispatch"));
        manager.register(new Recording("dispatch", "storage"));
        manager.register(new Recording("storage"));
        manager.startAll();
        events.clear();

        manager.stopAll();

        assertThat(events).containsExactly("stop http", "stop dispatch", "stop storage");
        assertThat(manager.running()).isEmpty();
    }

    @Test
    void startFailureStopsExactlyTheStartedServicesInReverseAndRethrows() {
        manager.register(new Recording("storage"));
        manager.register(new Recording("dispatch", "storage"));
        manager.register(new Recording("http", "dispatch").failingStart());
        manager.register(new Recording("sweeper", "http"));

        assertThatThrownBy(manager::startAll)
                .isInstanceOf(ImException.class)
                .hasMessageContaining("http failed to start")
                .hasRootCauseMessage("http cannot bind");
        assertThat(events).containsExactly("start storage", "start dispatch", "stop dispatch", "stop storage");
        assertThat(manager.running()).isEmpty();
    }

    @Test
    void unknownDependencyIsReported() {
        manager.register(new Recording("http", "nosuch"));

        assertThatThrownBy(manager::startAll)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("http")
                .hasMessageContaining("unknown service nosuch");
        assertThat(events).isEmpty();
    }

    @Test
    void cycleIsReported() {
        manager.register(new Recording("a", "b"));
        manager.register(new Recording("b", "c"));
        manager.register(new Recording("c", "a"));

        assertThatThrownBy(manager::startAll)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dependency cycle");
        assertThat(events).isEmpty();
    }

    @Test
    void failingStopDoesNotPreventOthersFromStopping() {
        manager.register(new Recording("storage"));
        manager.register(new Recording("dispatch", "storage").failingStop());
        manager.register(new Recording("http", "dispatch"));
        manager.startAll();
        events.clear();

        manager.stopAll();

        assertThat(events).containsExactly("stop http", "stop dispatch", "stop storage");
        assertThat(manager.running()).isEmpty();
    }

    @Test
    void twoServicesWithOneNameAreRefused() {
        manager.register(new Recording("storage"));

        assertThatThrownBy(() -> manager.register(new Recording("storage")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("storage");
    }

    @Test
    void adoptedResourcesStopAfterEverythingStartedLaterAndAreNotStartedAgain() {
        manager.adopt(new Recording("storage"));
        manager.register(new Recording("transport", "storage"));
        manager.adopt(new Recording("executors"));

        manager.startAll();
        manager.stopAll();

        assertThat(events).containsExactly("start transport", "stop transport", "stop executors", "stop storage");
    }

    @Test
    void aFailedStartAlsoClosesWhatWasAdopted() {
        manager.adopt(new Recording("storage"));
        manager.register(new Recording("transport").failingStart());

        assertThatThrownBy(manager::startAll).isInstanceOf(ImException.class).hasMessageContaining("cannot bind");
        assertThat(events).containsExactly("stop storage");
        assertThat(manager.running()).isEmpty();
    }
}
