package io.parley.plugin.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.event.PushRequested;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.PluginMetrics;
import io.parley.plugin.push.device.DeviceToken;
import io.parley.plugin.push.device.DeviceTokenStore;
import io.parley.plugin.push.dispatch.OfflinePushListener;
import io.parley.plugin.push.dispatch.PushMetrics;
import io.parley.plugin.push.dispatch.PushPolicy;
import io.parley.plugin.push.dispatch.PushQueue;
import io.parley.plugin.push.dispatch.PushStats;
import io.parley.plugin.push.dispatch.PushTemplates;
import io.parley.plugin.push.dispatch.QuietHoursStore;
import io.parley.plugin.push.dispatch.RetryPolicy;
import io.parley.plugin.push.vendor.xiaomi.XiaomiConfig;
import io.parley.plugin.push.vendor.xiaomi.XiaomiPushProvider;
import io.parley.testkit.push.ReceivedPush;
import io.parley.testkit.push.XiaomiFake;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A push asked for by a business-type plugin (an ultragroup, after its own do-not-disturb and push-frequency
 * policy) is sent as asked: with its channel, its badge and its do-not-disturb level.
 */
class RequestedPushTest {
    private final XiaomiFake vendor = new XiaomiFake("secret");
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryMetadata metadata = new InMemoryMetadata();
    private final DeviceTokenStore tokens = new DeviceTokenStore(metadata);
    private final XiaomiPushProvider xiaomi = new XiaomiPushProvider(
            new XiaomiConfig("secret", vendor.baseUrl(), "", Duration.ofSeconds(5)));
    private final PushMetrics metrics = new PushMetrics(new NoMetrics());
    private final PushStats stats = new PushStats(metadata);
    private final PushQueue queue = new PushQueue(metadata, Map.of("xiaomi", xiaomi), tokens, stats, metrics,
            scheduler, Clock.systemUTC(), new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1)), 2);
    private final OfflinePushListener listener = new OfflinePushListener(
            new PushPolicy(new QuietHoursStore(metadata), ZoneId.of("UTC")), tokens,
            new PushTemplates("{senderName}", "New message", PushTemplates.BUILT_IN), queue, metrics,
            Clock.systemUTC(), Duration.ofHours(1));

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        xiaomi.close();
        vendor.close();
    }

    private static PushRequested request(String uid, String content, boolean mentioned, int level) {
        Message message = new Message(new ConversationKey(ConversationType.ULTRA_GROUP, "guild"), "alice", "guild",
                "RC:TxtMsg", content, Optional.empty(), Optional.of("{\"screen\":\"chat\"}"), true, true, uid,
                Optional.empty(), 7, uid, System.currentTimeMillis());
        return new PushRequested("bob", message, "general", mentioned, level, 4, System.currentTimeMillis());
    }

    @Test
    void anUltragroupRequestIsSentWithItsChannelBadgeAndPayloadAndItsLevelIsHonoured() {
        tokens.register(new DeviceToken("bob", "xiaomi", "ok-bob", "com.x", false, 1));

        listener.onEvent(request("UID-1", "{\"content\":\"muted\"}", false, 1));
        listener.onEvent(request("UID-2", "{\"content\":\"@bob\"}", true, 1));

        await().atMost(Duration.ofSeconds(20)).until(() -> vendor.pushesTo("ok-bob").size() == 1);
        ReceivedPush push = vendor.pushesTo("ok-bob").get(0);
        assertThat(push.body()).isEqualTo("@bob");
        assertThat(push.title()).as("no alias: the sender's id").isEqualTo("alice");
        assertThat(push.badge()).isEqualTo(4);
        assertThat(push.data()).containsEntry("channelId", "general").containsEntry("conversationType", "10")
                .containsEntry("targetId", "guild").containsEntry("pushData", "{\"screen\":\"chat\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> stats.get("UID-2").map(PushStats.Counts::delivered)
                .orElse(0L) == 1);
        assertThat(stats.get("UID-1")).isEmpty();
    }

    @Test
    void theTitleIsTheNameTheRecipientKnowsTheSenderBy() {
        tokens.register(new DeviceToken("bob", "xiaomi", "ok-bob", "com.x", false, 1));
        PushRequested plain = request("UID-9", "{\"content\":\"hi\"}", false, 0);
        listener.onEvent(new PushRequested("bob", plain.message(), "general", false, 0, 4, System.currentTimeMillis(),
                "Sis"));

        await().atMost(Duration.ofSeconds(20)).until(() -> vendor.pushesTo("ok-bob").size() == 1);
        assertThat(vendor.pushesTo("ok-bob").get(0).title()).isEqualTo("Sis");
    }

    @Test
    void aVendorNeverHasMoreSendsOutstandingThanTheLimit() {
        vendor.slowDown(Duration.ofMillis(150));
        for (int i = 0; i < 8; i++) {
            tokens.register(new DeviceToken("user" + i, "xiaomi", "ok-" + i, "com.x", false, 1));
            listener.onEvent(new PushRequested("user" + i, request("UID-" + i, "{\"content\":\"hi\"}", false, 0)
                    .message(), "", false, 0, 1, System.currentTimeMillis()));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> vendor.pushes().size() == 8);
        assertThat(vendor.maxConcurrentSends()).isEqualTo(2);
    }

    /** Metrics that count nothing: this test reads the stats instead. */
    private static final class NoMetrics implements PluginMetrics {
        @Override
        public Counter counter(String name, String... tags) {
            return amount -> { };
        }

        @Override
        public Timer timer(String name, String... tags) {
            return duration -> { };
        }

        @Override
        public void gauge(String name, Supplier<Number> value, String... tags) {
        }
    }
}
