package io.parley.cluster.redis;

import io.parley.api.event.ImEventListener;
import io.parley.api.event.PushRequested;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test plugin that records the push requests each node makes, by app key and node id (every node of every test
 * in this JVM loads its own instance), so that a test can see which recipients a node judged offline.
 */
public final class PushRecorderPlugin implements ImPlugin {
    private static final Map<String, List<PushRequested>> REQUESTS = new ConcurrentHashMap<>();

    /** The push requests node {@code nodeId} of the app {@code appKey} has made so far. */
    static List<PushRequested> requests(String appKey, String nodeId) {
        return REQUESTS.computeIfAbsent(appKey + "/" + nodeId, key -> new CopyOnWriteArrayList<>());
    }

    @Override
    public String name() {
        return "test-push-recorder";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return new PluginInstance() {
            @Override
            public List<ImEventListener> listeners() {
                String appKey = context.rootConfig().get("app.key", "");
                String nodeId = context.rootConfig().get("cluster.node-id", "");
                List<PushRequested> requests = requests(appKey, nodeId);
                return List.of(new ImEventListener() {
                    @Override
                    public String name() {
                        return "test-push-recorder";
                    }

                    @Override
                    public void onEvent(io.parley.api.event.ImEvent event) {
                        if (event instanceof PushRequested push) {
                            requests.add(push);
                        }
                    }
                });
            }
        };
    }
}
