package io.parley.kernel.plugin;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginInstance;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.lifecycle.Service;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's plugin instances: each plugin's {@link ImPlugin#create} called once, in the order
 * {@link PluginManager} gave (dependencies first), with a context of its own; their contributions gathered; and, as
 * the lifecycle service {@code plugins}, started in that order once the kernel is wired. Every instance created is
 * registered with the {@link StopHooks} as it is made, so that it is closed at stop in reverse order, after the
 * event listeners have drained and before storage closes, whether it started or not.
 */
public final class PluginInstances implements Service {
    private static final Logger log = LoggerFactory.getLogger(PluginInstances.class);

    private final List<Created> created;
    private final PluginContributions contributions;
    private final Runnable onWired;

    private PluginInstances(List<Created> created, Runnable onWired) {
        this.created = List.copyOf(created);
        this.contributions = PluginContributions.of(created.stream().map(Created::instance).toList(),
                created.stream().map(Created::name).toList());
        this.onWired = onWired;
    }

    /**
     * Creates one instance per plugin. {@code onWired} runs before the first {@code start()}: it opens what the
     * contexts lend only once the server is wired (the publisher, the conversation service).
     */
    public static PluginInstances create(List<ImPlugin> plugins, TrackedConfig root, KernelPluginContext context,
            StopHooks stopHooks, Runnable onWired) {
        List<Created> created = new ArrayList<>();
        for (ImPlugin plugin : plugins) {
            PluginInstance instance;
            try {
                instance = plugin.create(context.forPlugin(plugin.name(), root.subset(plugin.name())));
            } catch (RuntimeException e) {
                // an ImException keeps its code (a missing config key is a bad parameter), and gains the plugin's name
                throw new ImException(e instanceof ImException im ? im.errorCode() : StandardErrorCode.INTERNAL_ERROR,
                        "plugin " + plugin.name() + " failed to create its instance: " + e.getMessage(), e);
            }
            if (instance == null) {
                throw new ImException(StandardErrorCode.INTERNAL_ERROR,
                        "plugin " + plugin.name() + " created no instance (" + plugin.getClass().getName()
                                + ".create returned null)");
            }
            stopHooks.add(new Closing(plugin.name(), instance));
            created.add(new Created(plugin.name(), instance));
        }
        return new PluginInstances(created, onWired);
    }

    public PluginContributions contributions() {
        return contributions;
    }

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public List<String> dependsOn() {
        return List.of("executors");
    }

    /** Starts every instance in dependency order; a failure fails startup naming the plugin. */
    @Override
    public void start() {
        onWired.run();
        for (Created each : created) {
            try {
                each.instance().start();
            } catch (RuntimeException e) {
                throw new ImException(e instanceof ImException im ? im.errorCode() : StandardErrorCode.INTERNAL_ERROR,
                        "plugin " + each.name() + " failed to start: " + e.getMessage(), e);
            }
            log.debug("plugin {} started", each.name());
        }
    }

    /** Tells every instance, in load order, that a retention sweep applied {@code cutoffs}; a failure is logged. */
    public void retentionSwept(RetentionCutoffs cutoffs) {
        for (Created each : created) {
            try {
                each.instance().retentionSwept(cutoffs);
            } catch (RuntimeException e) {
                log.warn("plugin {} failed after the retention sweep", each.name(), e);
            }
        }
    }

    /** Nothing: instances close through the stop hooks, once the listeners have drained. */
    @Override
    public void stop() {
    }

    private record Created(String name, PluginInstance instance) {
    }

    /** Closes one instance, naming its plugin in the log if it fails. */
    private record Closing(String name, PluginInstance instance) implements AutoCloseable {
        @Override
        public void close() {
            try {
                instance.close();
            } catch (RuntimeException e) {
                log.warn("plugin {} failed to close", name, e);
            }
        }
    }
}
