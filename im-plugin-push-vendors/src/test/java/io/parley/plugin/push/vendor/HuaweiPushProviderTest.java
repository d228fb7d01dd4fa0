package io.parley.plugin.push.vendor;

import io.parley.plugin.push.vendor.huawei.HuaweiConfig;
import io.parley.plugin.push.vendor.huawei.HuaweiPushProvider;
import io.parley.testkit.push.AbstractPushProviderTest;
import io.parley.testkit.push.HuaweiFake;
import io.parley.testkit.push.PushSender;
import io.parley.testkit.push.VendorFake;
import java.time.Clock;
import java.time.Duration;

class HuaweiPushProviderTest extends AbstractPushProviderTest {

    @Override
    protected VendorFake startFake() {
        return new HuaweiFake("10086", "secret/with+chars");
    }

    @Override
    protected PushSender newSender(VendorFake fake) {
        HuaweiFake huawei = (HuaweiFake) fake;
        return new ProviderSender(new HuaweiPushProvider(new HuaweiConfig("10086", "secret/with+chars",
                huawei.baseUrl(), huawei.authUrl(), "IM", "", Duration.ofSeconds(5)), Clock.systemUTC()));
    }
}
