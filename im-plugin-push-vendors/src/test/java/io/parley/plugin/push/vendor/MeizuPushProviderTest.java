package io.parley.plugin.push.vendor;

import io.parley.plugin.push.vendor.meizu.MeizuConfig;
import io.parley.plugin.push.vendor.meizu.MeizuPushProvider;
import io.parley.testkit.push.AbstractPushProviderTest;
import io.parley.testkit.push.MeizuFake;
import io.parley.testkit.push.PushSender;
import io.parley.testkit.push.VendorFake;
import java.time.Duration;

class MeizuPushProviderTest extends AbstractPushProviderTest {

    @Override
    protected VendorFake startFake() {
        return new MeizuFake("100999", "531732bc45324098978bf41c6954c09e");
    }

    @Override
    protected PushSender newSender(VendorFake fake) {
        return new ProviderSender(new MeizuPushProvider(new MeizuConfig("100999", "531732bc45324098978bf41c6954c09e",
                fake.baseUrl(), Duration.ofSeconds(5))));
    }
}
