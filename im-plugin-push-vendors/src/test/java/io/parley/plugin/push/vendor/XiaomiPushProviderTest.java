package io.parley.plugin.push.vendor;

import io.parley.plugin.push.vendor.xiaomi.XiaomiConfig;
import io.parley.plugin.push.vendor.xiaomi.XiaomiPushProvider;
import io.parley.testkit.push.AbstractPushProviderTest;
import io.parley.testkit.push.PushSender;
import io.parley.testkit.push.VendorFake;
import io.parley.testkit.push.XiaomiFake;
import java.time.Duration;

class XiaomiPushProviderTest extends AbstractPushProviderTest {
    private static final String SECRET = "fixtureAppSecret";

    @Override
    protected VendorFake startFake() {
        return new XiaomiFake(SECRET);
    }

    @Override
    protected PushSender newSender(VendorFake fake) {
        return new ProviderSender(new XiaomiPushProvider(
                new XiaomiConfig(SECRET, fake.baseUrl(), "", Duration.ofSeconds(5))));
    }
}
