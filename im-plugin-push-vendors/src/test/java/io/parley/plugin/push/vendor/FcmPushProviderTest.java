package io.parley.plugin.push.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.plugin.push.http.VendorHttp;
import io.parley.plugin.push.vendor.fcm.FcmConfig;
import io.parley.plugin.push.vendor.fcm.FcmPushProvider;
import io.parley.testkit.push.AbstractPushProviderTest;
import io.parley.testkit.push.ExpectedOutcome;
import io.parley.testkit.push.FcmFake;
import io.parley.testkit.push.PushSender;
import io.parley.testkit.push.VendorFake;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FcmPushProviderTest extends AbstractPushProviderTest {
    private static final KeyPair KEY = TestKeys.rsa();
    private static final String EMAIL = "push@demo-project.iam.gserviceaccount.com";

    @Override
    protected VendorFake startFake() {
        return new FcmFake("demo-project", EMAIL, KEY.getPublic());
    }

    @Override
    protected PushSender newSender(VendorFake fake) {
        return new ProviderSender(new FcmPushProvider(config((FcmFake) fake, KEY), Clock.systemUTC()));
    }

    private static FcmConfig config(FcmFake fake, KeyPair key) {
        String account = VendorHttp.json(Map.of("type", "service_account", "project_id", "demo-project",
                "private_key_id", "k1", "private_key", TestKeys.pem(key), "client_email", EMAIL,
                "token_uri", fake.tokenUri()));
        return FcmConfig.fromServiceAccount(account, fake.baseUrl(), Duration.ofSeconds(5));
    }

    @Test
    void aServiceAccountWithAnotherKeyIsRefusedAtTheTokenEndpointAsAConfigError() {
        try (PushSender wrongKey = new ProviderSender(new FcmPushProvider(config((FcmFake) fake, TestKeys.rsa()),
                Clock.systemUTC()))) {
            assertThat(wrongKey.send(List.of("ok-1"), APP_ID, "t", "b", 0, Map.of()).get("ok-1").kind())
                    .isEqualTo(ExpectedOutcome.CONFIG_ERROR);
        }
        assertThat(fake.violations()).singleElement().asString().contains("signature does not verify");
        assertThat(fake.pushes()).isEmpty();
    }
}
