package io.parley.kernel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;
import io.parley.api.storage.StorageProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderSelectorTest {

    /** A push sink type of the test's own, so that only the test's factories are candidates. */
    interface PushSink {
    }

    private record SinkFactory(String name) implements ProviderFactory<PushSink> {
        @Override
        public Class<PushSink> providerType() {
            return PushSink.class;
        }

        @Override
        public PushSink create(PluginConfig config, PluginContext context) {
            return new PushSink() {
            };
        }
    }

    private static ImPlugin pluginWith(String name, ProviderFactory<?>... factories) {
        return new ImPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<ProviderFactory<?>> providerFactories() {
                return List.of(factories);
            }
        };
    }

    private final List<ImPlugin> twoSinks = List.of(pluginWith("apns-plugin", new SinkFactory("apns")),
            pluginWith("fcm-plugin", new SinkFactory("fcm")));

    @Test
    void explicitNameWins() {
        ProviderFactory<PushSink> chosen = ProviderSelector.select(PushSink.class, twoSinks, Optional.of("fcm"), "push.vendor");

        assertThat(chosen.name()).isEqualTo("fcm");
    }

    @Test
    void theOnlyCandidateIsUsed() {
        List<ImPlugin> plugins = List.of(pluginWith("apns-plugin", new SinkFactory("apns")), new KernelPlugin());

        assertThat(ProviderSelector.select(PushSink.class, plugins, Optional.empty(), "push.vendor").name())
                .isEqualTo("apns");
    }

    @Test
    void severalCandidatesWithoutANameFailListingThem() {
        assertThatThrownBy(() -> ProviderSelector.select(PushSink.class, twoSinks, Optional.empty(), "push.vendor"))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("apns, fcm")
                .hasMessageContaining("push.vendor");
    }

    @Test
    void unknownConfiguredNameFailsListingInstalledOnes() {
        assertThatThrownBy(() -> ProviderSelector.select(StorageProvider.class, List.of(new KernelPlugin()),
                Optional.of("postgres"), "storage.provider"))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("storage.provider=postgres")
                .hasMessageContaining("embedded")
                .hasMessageContaining("memory");
    }

    @Test
    void noCandidateAtAllFails() {
        assertThatThrownBy(() -> ProviderSelector.select(PushSink.class, List.of(new KernelPlugin()), Optional.empty(),
                "push.vendor"))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("no PushSink is installed");
    }
}
