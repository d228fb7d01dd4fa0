package io.parley.plugin.push.vendor;

import io.parley.plugin.push.vendor.vivo.VivoConfig;
import io.parley.plugin.push.vendor.vivo.VivoPushProvider;
import io.parley.testkit.push.AbstractPushProviderTest;
import io.parley.testkit.push.PushSender;
import io.parley.testkit.push.VendorFake;
import io.parley.testkit.push.VivoFake;
import java.time.Clock;
import java.time.Duration;

class VivoPushProviderTest extends AbstractPushProviderTest {

    @Override
    protected VendorFake startFake() {
        return new VivoFake("10004", "fixtureAppKey", "fixtureAppSecret");
    }

    @Override
    protected PushSender newSender(VendorFake fake) {
        return new ProviderSender(new VivoPushProvider(new VivoConfig("10004", "fixtureAppKey", "fixtureAppSecret",
                fake.baseUrl(), "IM", Duration.ofHours(1), Duration.ofSeconds(5)), Clock.systemUTC()));
    }
}
