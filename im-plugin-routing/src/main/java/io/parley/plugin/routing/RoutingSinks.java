package io.parley.plugin.routing;

import io.parley.api.error.ImException;
import io.parley.plugin.routing.sink.HttpRoutingSinkFactory;
import io.parley.plugin.routing.sink.JsonLinesFileSinkFactory;
import io.parley.plugin.routing.spi.RoutingErrorCode;
import io.parley.plugin.routing.spi.RoutingSinkFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the sink factory named by {@code routing.sink}: first the plugin's own ({@code http}, {@code file}),
 * then every {@link RoutingSinkFactory} listed in {@code META-INF/services} on the plugin's class path. A
 * name given twice by loaded factories fails startup, as does an unknown name. Called once at startup.
 */
final class RoutingSinks {

    private RoutingSinks() {
    }

    /** The plugin's own factories, also returned by {@code RoutingPlugin.providerFactories()}. */
    static List<RoutingSinkFactory> builtIn() {
        return List.of(new HttpRoutingSinkFactory(), new JsonLinesFileSinkFactory());
    }

    static Map<String, RoutingSinkFactory> available(ClassLoader classLoader) {
        Map<String, RoutingSinkFactory> byName = new LinkedHashMap<>();
        builtIn().forEach(factory -> byName.put(factory.name(), factory));
        for (RoutingSinkFactory factory : ServiceLoader.load(RoutingSinkFactory.class, classLoader)) {
            RoutingSinkFactory previous = byName.putIfAbsent(factory.name(), factory);
            if (previous != null && previous.getClass() != factory.getClass()) {
                throw new ImException(RoutingErrorCode.UNKNOWN_SINK, "two routing sinks are named '" + factory.name()
                        + "': " + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return byName;
    }

    static RoutingSinkFactory select(String name, ClassLoader classLoader) {
        Map<String, RoutingSinkFactory> available = available(classLoader);
        RoutingSinkFactory factory = available.get(name);
        if (factory == null) {
            throw new ImException(RoutingErrorCode.UNKNOWN_SINK,
                    "routing.sink '" + name + "' is not a known sink; known: " + String.join(", ", available.keySet()));
        }
        return factory;
    }
}
