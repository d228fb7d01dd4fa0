package io.parley.kernel.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.plugin.ImPlugin;
import io.parley.kernel.config.EffectiveConfigPrinter;
import io.parley.kernel.config.TrackedConfig;
import io.parley.kernel.lifecycle.Readiness;
import io.parley.kernel.session.Session;
import io.parley.kernel.session.SessionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator console shows of the running kernel, read on demand: who is online on which devices, the
 * plugins and their state, the traffic counters, and the effective configuration with secrets masked.
 * Thread-safe; every method reads live state.
 */
public final class ServerOverview {
    private final SessionRegistry sessions;
    private final List<ImPlugin> plugins;
    private final MeterRegistry registry;
    private final TrackedConfig config;
    private final Readiness readiness;

    public ServerOverview(SessionRegistry sessions, List<ImPlugin> plugins, MeterRegistry registry, TrackedConfig config,
            Readiness readiness) {
        this.sessions = sessions;
        this.plugins = List.copyOf(plugins);
        this.registry = registry;
        this.config = config;
        this.readiness = readiness;
    }

    /** One connected device. */
    public record Connection(String userId, String deviceId, String platform, String clientIp, String wireFormat) {
    }

    /** A loaded plugin, its state, and how often its listeners failed or dropped events. */
    public record PluginState(String name, String className, String state, long listenerErrors, long listenerDrops) {
    }

    public List<Connection> connections() {
        List<Connection> all = new ArrayList<>();
        for (String userId : sessions.onlineUserIds()) {
            for (Session session : sessions.sessions(userId)) {
                all.add(new Connection(session.userId(), session.deviceId(), session.platform().name(),
                        session.clientIp(), session.wireFormat().name()));
            }
        }
        all.sort(java.util.Comparator.comparing(Connection::userId).thenComparing(Connection::deviceId));
        return all;
    }

    public int onlineUsers() {
        return sessions.onlineUserIds().size();
    }

    public int connectionCount() {
        return sessions.connectionCount();
    }

    public boolean ready() {
        return readiness.isReady();
    }

    /**
     * The loaded plugins. The kernel gathers their contributions at startup and fails the start if one throws,
     * so a listed plugin is {@code active} while the server is ready and {@code stopped} otherwise.
     */
    public List<PluginState> plugins() {
        String state = readiness.isReady() ? "active" : "stopped";
        List<PluginState> states = new ArrayList<>();
        for (ImPlugin plugin : plugins) {
            states.add(new PluginState(plugin.name(), plugin.getClass().getName(), state,
                    listenerCount("im.listener.errors", plugin), listenerCount("im.listener.dropped", plugin)));
        }
        return states;
    }

    private long listenerCount(String meter, ImPlugin plugin) {
        double total = 0;
        // listener names carry their plugin's name as a prefix (chatroom.presence, routing.webhooks)
        for (Counter counter : registry.find(meter).counters()) {
            String listener = counter.getId().getTag("listener");
            if (listener != null && (listener.equals(plugin.name()) || listener.startsWith(plugin.name() + "."))) {
                total += counter.count();
            }
        }
        return (long) total;
    }

    /** Messages committed since start ({@code im.messages.committed}). */
    public long messagesCommitted() {
        return (long) counterTotal("im.messages.committed");
    }

    /** Messages written to devices since start: DELIVER frames ({@code im.frames.out{command=DELIVER}}). */
    public long deliveries() {
        Counter deliver = registry.find("im.frames.out").tag("command", "DELIVER").counter();
        return deliver == null ? 0 : (long) deliver.count();
    }

    private double counterTotal(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The effective configuration, key by key, sorted, secrets masked: what the startup log printed. */
    public Map<String, String> effectiveConfig() {
        return new LinkedHashMap<>(EffectiveConfigPrinter.effective(config));
    }
}
