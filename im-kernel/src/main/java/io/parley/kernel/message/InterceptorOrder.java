package io.parley.kernel.message;

import io.parley.api.plugin.PluginConfig;
import java.util.Arrays;
import java.util.List;

/**
 * {@code interceptors.order}: interceptor names, comma-separated, that run first and in this order; the others
 * follow by their {@code order()}, then by name.
 */
public record InterceptorOrder(List<String> names) {
    public InterceptorOrder {
        names = List.copyOf(names);
    }

    public static InterceptorOrder read(PluginConfig config) {
        return new InterceptorOrder(config.get("interceptors.order").map(value -> Arrays.stream(value.split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList()).orElse(List.of()));
    }
}
