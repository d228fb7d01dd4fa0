package io.parley.plugin.push.vendor;

import io.parley.plugin.push.vendor.oppo.OppoConfig;
import io.parley.plugin.push.vendor.oppo.OppoPushProvider;
import io.parley.testkit.push.AbstractPushProviderTest;
import io.parley.testkit.push.OppoFake;
import io.parley.testkit.push.PushSender;
import io.parley.testkit.push.VendorFake;
import java.time.Clock;
import java.time.Duration;

class OppoPushProviderTest extends AbstractPushProviderTest {

    @Override
    protected VendorFake startFake() {
        return new OppoFake("fixtureAppKey", "fixtureMasterSecret");
    }

    @Override
    protected PushSender newSender(VendorFake fake) {
        return new ProviderSender(new OppoPushProvider(new OppoConfig("fixtureAppKey", "fixtureMasterSecret",
                fake.baseUrl(), "", Duration.ofHours(12), Duration.ofSeconds(5)), Clock.systemUTC()));
    }
}
