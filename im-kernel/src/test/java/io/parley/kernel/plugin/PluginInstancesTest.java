package io.parley.kernel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.kernel.config.ConfigSources;
import io.parley.kernel.config.TrackedConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PluginInstancesTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final StopHooks stopHooks = new StopHooks();
    private final TrackedConfig root = TrackedConfig.of(ConfigSources.load(
            Map.of("alpha.greeting", "hello", "beta.greeting", "hi"), Optional.empty(), Map.of(),
            new java.util.Properties()));
    private final KernelPluginContext context = new KernelPluginContext(root, Clock.systemUTC(), null, null,
            () -> null, () -> {
                throw new IllegalStateException("not wired");
            }, name -> null, null, stopHooks, () -> push -> {
            }, () -> true, Optional.empty(), Optional.empty(), (name, receiver) -> Optional.empty());

    /** Records its lifecycle in {@link #calls}; fails {@code start()} when told to. */
    private ImPlugin recording(String name, boolean failStart) {
        return new ImPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public PluginInstance create(PluginContext own) {
                calls.add("create " + name + " " + own.config().get("greeting", "?"));
                return new PluginInstance() {
                    @Override
                    public void start() {
                        calls.add("start " + name);
                        if (failStart) {
                            throw new IllegalStateException("no connection");
                        }
                    }

                    @Override
                    public void close() {
                        calls.add("close " + name);
                    }

                    @Override
                    public void retentionSwept(RetentionCutoffs cutoffs) {
                        calls.add("swept " + name + " " + cutoffs.messageCutoff(ConversationType.SYSTEM).orElse(0L));
                        if (failStart) {
                            throw new IllegalStateException("no connection");
                        }
                    }
                };
            }
        };
    }

    @Test
    void createsEachOnceWithItsOwnConfigStartsInOrderAndClosesInReverse() {
        PluginInstances instances = PluginInstances.create(List.of(recording("alpha", false), recording("beta", false)),
                root, context, stopHooks, () -> calls.add("wired"));
        instances.start();
        stopHooks.closeAll();

        assertThat(calls).containsExactly("create alpha hello", "create beta hi", "wired", "start alpha",
                "start beta", "close beta", "close alpha");
    }

    @Test
    void aFailingStartNamesThePluginAndEveryCreatedInstanceStillCloses() {
        PluginInstances instances = PluginInstances.create(
                List.of(recording("alpha", false), recording("beta", true), recording("gamma", false)), root,
                context, stopHooks, () -> {
                });

        assertThatThrownBy(instances::start).isInstanceOf(ImException.class)
                .hasMessageContaining("plugin beta failed to start: no connection");
        stopHooks.closeAll();
        assertThat(calls).containsSubsequence("start alpha", "start beta").doesNotContain("start gamma")
                .endsWith("close gamma", "close beta", "close alpha");
    }

    @Test
    void aFailingCreateNamesThePlugin() {
        ImPlugin broken = new ImPlugin() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public PluginInstance create(PluginContext own) {
                throw new IllegalArgumentException("bad key");
            }
        };

        assertThatThrownBy(() -> PluginInstances.create(List.of(broken), root, context, stopHooks, () -> {
        })).isInstanceOf(ImException.class).hasMessageContaining("plugin broken failed to create its instance: bad key");
    }

    @Test
    void thePublisherMayBeTakenAtCreateAndFindsTheWritePathOnlyWhenItPublishes() {
        PluginContext own = context.forPlugin("alpha", root.subset("alpha"));
        io.parley.api.plugin.MessagePublisher publisher = own.publisher();   // taking it asks for nothing yet

        assertThatThrownBy(() -> publisher.publish(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not wired");
    }

    @Test
    void everyInstanceHearsOfARetentionSweepInOrderEvenAfterOneFails() {
        PluginInstances instances = PluginInstances.create(
                List.of(recording("alpha", false), recording("beta", true), recording("gamma", false)), root,
                context, stopHooks, () -> {
                });

        instances.retentionSwept(new RetentionCutoffs(Map.of(), Map.of(ConversationType.SYSTEM, 42L)));

        assertThat(calls).endsWith("swept alpha 42", "swept beta 42", "swept gamma 42");
    }

    @Test
    void thePublisherSendsStatusMessagesThroughTheWritePathToo() {
        io.parley.api.plugin.MessagePublisher publisher = context.forPlugin("alpha", root.subset("alpha")).publisher();

        assertThatThrownBy(() -> publisher.publishStatus(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not wired");
    }
}
