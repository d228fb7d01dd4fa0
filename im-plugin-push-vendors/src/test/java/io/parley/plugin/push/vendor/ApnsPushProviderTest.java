package io.parley.plugin.push.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.plugin.push.vendor.apns.ApnsConfig;
import io.parley.plugin.push.vendor.apns.ApnsPushProvider;
import io.parley.testkit.push.AbstractPushProviderTest;
import io.parley.testkit.push.ApnsFake;
import io.parley.testkit.push.ExpectedOutcome;
import io.parley.testkit.push.PushSender;
import io.parley.testkit.push.VendorFake;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** APNs against an HTTP/2 TLS fake with a test certificate. */
class ApnsPushProviderTest extends AbstractPushProviderTest {
    private static final KeyPair KEY = TestKeys.p256();

    @Override
    protected VendorFake startFake() {
        return new ApnsFake("TEAM123456", "KEY1234567", KEY.getPublic());
    }

    @Override
    protected String token(int n) {
        return "a1b2c3d4e5f6" + n;
    }

    @Override
    protected PushSender newSender(VendorFake fake) {
        return new ProviderSender(new ApnsPushProvider(config((ApnsFake) fake), Clock.systemUTC()));
    }

    private static ApnsConfig config(ApnsFake fake) {
        return new ApnsConfig("TEAM123456", "KEY1234567", TestKeys.pem(KEY), fake.baseUrl(), fake.baseUrl(),
                Optional.of(fake.certificatePem()), Duration.ofMinutes(50), Duration.ofSeconds(5));
    }

    @Test
    void aProviderTokenOlderThanAnHourIsRefusedAndReplaced() {
        // a clock an hour and a half behind signs a JWT that APNs considers expired
        Clock late = Clock.fixed(Instant.now().minus(Duration.ofMinutes(90)), ZoneOffset.UTC);
        try (PushSender stale = new ProviderSender(new ApnsPushProvider(config((ApnsFake) fake), late))) {
            assertThat(stale.send(List.of(token(1)), APP_ID, "t", "b", 1, Map.of()).get(token(1)).kind())
                    .isEqualTo(ExpectedOutcome.AUTH_REFRESH);
        }
        assertThat(fake.pushes()).isEmpty();
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void anUnregisteredTokenCarriesTheMomentApnsSaysItBecameInvalid() throws Exception {
        long before = System.currentTimeMillis();
        try (ApnsPushProvider provider = new ApnsPushProvider(config((ApnsFake) fake), Clock.systemUTC())) {
            var outcome = provider.send(new io.parley.plugin.push.spi.PushNotification("p", "t", "b", 1, Map.of(), 60, ""),
                    List.of(new io.parley.plugin.push.spi.PushTarget("row-410-Unregistered", APP_ID, false)))
                    .toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS).outcome("row-410-Unregistered");
            assertThat(outcome.kind()).isEqualTo(io.parley.plugin.push.spi.PushOutcome.Kind.INVALID_TOKEN);
            assertThat(outcome.invalidSince()).isPresent();
            assertThat(outcome.invalidSince().getAsLong()).isBetween(before, System.currentTimeMillis());
        }
    }
}
