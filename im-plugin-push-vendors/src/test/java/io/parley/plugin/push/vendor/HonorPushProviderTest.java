package io.parley.plugin.push.vendor;

import io.parley.plugin.push.vendor.honor.HonorConfig;
import io.parley.plugin.push.vendor.honor.HonorPushProvider;
import io.parley.testkit.push.AbstractPushProviderTest;
import io.parley.testkit.push.HonorFake;
import io.parley.testkit.push.PushSender;
import io.parley.testkit.push.VendorFake;
import java.time.Clock;
import java.time.Duration;

class HonorPushProviderTest extends AbstractPushProviderTest {

    @Override
    protected VendorFake startFake() {
        return new HonorFake("104400000", "client-1", "client-secret-1");
    }

    @Override
    protected PushSender newSender(VendorFake fake) {
        HonorFake honor = (HonorFake) fake;
        return new ProviderSender(new HonorPushProvider(new HonorConfig("104400000", "client-1", "client-secret-1",
                honor.baseUrl(), honor.authUrl(), "", Duration.ofSeconds(5)), Clock.systemUTC()));
    }
}
