package io.parley.plugin.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.plugin.MessagePublisher;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginMetrics;
import io.parley.api.storage.StorageProvider;
import io.parley.plugin.push.config.PushConfig;
import io.parley.plugin.push.http.VendorHttp;
import io.parley.plugin.push.spi.PushProvider;
import io.parley.plugin.push.spi.PushProviderFactory;
import io.parley.plugin.push.vendor.TestKeys;
import io.parley.testkit.PluginChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushVendorsPluginTest {
    private static final Set<String> VENDORS = Set.of("apns", "fcm", "huawei", "honor", "xiaomi", "oppo", "vivo", "meizu");

    @Test
    void serviceLoaderFindsExactlyOnePluginOfThisClass() {
        assertThat(PluginChecks.discoveredOnce(PushVendorsPlugin.class).name()).isEqualTo("push");
    }

    @Test
    void everyVendorHasOneNamedFactoryThatCreatesAndClosesItsProvider(@TempDir Path dir) throws Exception {
        Path serviceAccount = Files.writeString(dir.resolve("fcm.json"), VendorHttp.json(Map.of("project_id", "p",
                "client_email", "e@x", "private_key", TestKeys.pem(TestKeys.rsa()))));
        Map<String, PushProviderFactory> factories = PushVendorsPlugin.pushFactories().stream()
                .collect(Collectors.toMap(PushProviderFactory::name, f -> f));
        assertThat(factories.keySet()).isEqualTo(VENDORS);
        assertThat(new PushVendorsPlugin().providerFactories()).hasSize(8)
                .allSatisfy(factory -> assertThat(factory.providerType()).isEqualTo(PushProvider.class));

        Map<String, Map<String, String>> minimal = Map.of(
                "apns", Map.of("team-id", "TEAM123456", "key-id", "KEY1234567", "private-key", TestKeys.pem(TestKeys.p256())),
                "fcm", Map.of("service-account-file", serviceAccount.toString()),
                "huawei", Map.of("client-id", "1", "client-secret", "s"),
                "honor", Map.of("app-id", "1", "client-id", "c", "client-secret", "s"),
                "xiaomi", Map.of("app-secret", "s"),
                "oppo", Map.of("app-key", "k", "master-secret", "m"),
                "vivo", Map.of("app-id", "1", "app-key", "k", "app-secret", "s"),
                "meizu", Map.of("app-id", "1", "app-secret", "s"));
        for (String vendor : VENDORS) {
            PushProvider provider = factories.get(vendor).create(new MapConfig(minimal.get(vendor)), context());
            assertThat(provider.vendor()).isEqualTo(vendor);
            assertThat(provider.maxBatchSize()).isBetween(1, 1000);
            provider.close();
            assertThatThrownBy(() -> factories.get(vendor).create(new MapConfig(Map.of()), context()))
                    .as(vendor).isInstanceOf(ImException.class).hasMessageContaining("push.");
        }
    }

    @Test
    void pushConfigDefaultsMapsEveryKeyAndRejectsWhatCannotWork() {
        PushConfig defaults = PushConfig.from(new MapConfig(Map.of()), VENDORS);
        assertThat(defaults.vendors()).isEmpty();
        assertThat(defaults.ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.retry().initial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.retry().max()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(defaults.templates().title()).isEqualTo("{senderName}");
        assertThat(defaults.templates().defaultBody()).isEqualTo("You have a new message");
        assertThat(defaults.maxInFlight()).isEqualTo(64);

        PushConfig custom = PushConfig.from(new MapConfig(Map.of("vendors", "apns, xiaomi", "ttl", "2h",
                "retry.initial-backoff", "500ms", "retry.max-backoff", "1m", "quiet-hours.zone", "Asia/Shanghai",
                "template.title", "New from {fromUserId}", "template.default-body", "New message",
                "template.body.app-ordermsg", "Order update", "max-in-flight", "8")), VENDORS);
        assertThat(custom.maxInFlight()).isEqualTo(8);
        assertThat(custom.vendors()).containsExactlyInAnyOrder("apns", "xiaomi");
        assertThat(custom.ttl()).isEqualTo(Duration.ofHours(2));
        assertThat(custom.retry().delay(3, java.util.Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(custom.retry().delay(10, java.util.Optional.empty())).isEqualTo(Duration.ofMinutes(1));
        assertThat(custom.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(custom.templates().bodies()).containsEntry("app-ordermsg", "Order update")
                .containsEntry("rc-imgmsg", "[Image]");

        assertThatThrownBy(() -> PushConfig.from(new MapConfig(Map.of("vendors", "nokia")), VENDORS))
                .hasMessageContaining("push.vendors names nokia");
        assertThatThrownBy(() -> PushConfig.from(new MapConfig(Map.of("ttl", "0")), VENDORS))
                .hasMessageContaining("push.ttl");
        assertThatThrownBy(() -> PushConfig.from(new MapConfig(Map.of("retry.initial-backoff", "10m")), VENDORS))
                .hasMessageContaining("push.retry");
        assertThatThrownBy(() -> PushConfig.from(new MapConfig(Map.of("max-in-flight", "0")), VENDORS))
                .hasMessageContaining("push.max-in-flight");
        assertThatThrownBy(() -> PushConfig.from(new MapConfig(Map.of("quiet-hours.zone", "Mars/Base")), VENDORS))
                .hasMessageContaining("push.quiet-hours.zone");
    }

    private static PluginContext context() {
        return new PluginContext() {
            @Override
            public PluginConfig config() {
                throw new UnsupportedOperationException();
            }

            @Override
            public PluginConfig rootConfig() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public ScheduledExecutorService scheduler() {
                throw new UnsupportedOperationException();
            }

            @Override
            public PluginMetrics metrics() {
                throw new UnsupportedOperationException();
            }

            @Override
            public StorageProvider storage() {
                throw new UnsupportedOperationException();
            }

            @Override
            public MessagePublisher publisher() {
                throw new UnsupportedOperationException();
            }

            @Override
            public OnlineDirectory online() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
