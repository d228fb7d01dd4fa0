package io.parley.kernel.plugin;

import io.parley.api.error.ImException;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.ProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the factory of one provider type: the one named in config, else the only one, else fails startup
 * naming the candidates.
 */
public final class ProviderSelector {
    private ProviderSelector() {
    }

    public static <T> ProviderFactory<T> select(Class<T> type, List<ImPlugin> plugins, Optional<String> configured,
            String configKey) {
        List<ProviderFactory<T>> candidates = factoriesOf(type, plugins);
        String names = candidates.stream().map(ProviderFactory::name).collect(Collectors.joining(", "));
        if (configured.isPresent()) {
            return candidates.stream().filter(factory -> factory.name().equals(configured.get())).findFirst()
                    .orElseThrow(() -> ImException.invalidParameter(configKey + "=" + configured.get()
                            + " names no installed " + type.getSimpleName() + " (installed: " + names + ")"));
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        throw ImException.invalidParameter(candidates.isEmpty()
                ? "no " + type.getSimpleName() + " is installed"
                : "several " + type.getSimpleName() + "s are installed (" + names + "); choose one with " + configKey);
    }

    @SuppressWarnings("unchecked")
    public static <T> List<ProviderFactory<T>> factoriesOf(Class<T> type, List<ImPlugin> plugins) {
        List<ProviderFactory<T>> result = new ArrayList<>();
        for (ImPlugin plugin : plugins) {
            for (ProviderFactory<?> factory : plugin.providerFactories()) {
                if (factory.providerType() == type) {
                    result.add((ProviderFactory<T>) factory);
                }
            }
        }
        return result;
    }
}
