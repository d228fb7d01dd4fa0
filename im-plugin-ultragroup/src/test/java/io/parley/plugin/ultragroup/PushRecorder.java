package io.parley.plugin.ultragroup;

import io.parley.api.event.ImEventListener;
import io.parley.api.event.PushRequested;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginInstance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test plugin that records every push asked for, as a push plugin would receive them. */
public final class PushRecorder implements ImPlugin {
    static final List<PushRequested> PUSHES = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "ultragroup-test-push-recorder";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return new PluginInstance() {
            @Override
            public List<ImEventListener> listeners() {
                return List.of(new ImEventListener() {
                    @Override
                    public String name() {
                        return "push-recorder";
                    }

                    @Override
                    public void onEvent(io.parley.api.event.ImEvent event) {
                        if (event instanceof PushRequested push) {
                            PUSHES.add(push);
                        }
                    }
                });
            }
        };
    }

    static List<PushRequested> to(String user) {
        return PUSHES.stream().filter(p -> p.recipient().equals(user)).toList();
    }
}
