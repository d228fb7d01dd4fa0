package io.parley.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.model.Platform;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelConfigTest {

    private static KernelConfig read(Map<String, String> values) {
        return KernelConfig.read(TrackedConfig.of(values));
    }

    @Test
    void defaults() {
        KernelConfig config = read(Map.of());

        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.tcpPort()).isEqualTo(9100);
        assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.multiDevice()).isEqualTo(MultiDevicePolicies.DEFAULT);
        assertThat(config.multiDevice().of(Platform.WEB)).isEqualTo(MultiDevicePolicy.UNLIMITED);
        assertThat(config.multiDevice().of(Platform.MINI_PROGRAM)).isEqualTo(MultiDevicePolicy.UNLIMITED);
        for (Platform platform : new Platform[] {Platform.IOS, Platform.ANDROID, Platform.HARMONY_OS, Platform.PC,
                Platform.OTHER}) {
            assertThat(config.multiDevice().of(platform)).as(platform.name())
                    .isEqualTo(MultiDevicePolicy.ONE_PER_PLATFORM);
        }
        assertThat(config.offlineRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.devSecret()).isTrue();
    }

    @Test
    void readsGivenValues() {
        KernelConfig config = read(Map.of("http.port", "8080", "session.multi-device", "unlimited",
                "protocol.heartbeat", "45s", "app.secret", "real-secret"));

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.multiDevice()).isEqualTo(MultiDevicePolicies.uniform(MultiDevicePolicy.UNLIMITED));
        assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.devSecret()).isFalse();
    }

    @Test
    void productionModeRefusesTheDevelopmentSecret() {
        assertThatThrownBy(() -> read(Map.of("mode", "production")))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("mode=production refuses the development app.secret");
        assertThat(read(Map.of("mode", "production", "app.secret", "a-real-secret")).production()).isTrue();
        assertThat(read(Map.of()).production()).as("development is the default").isFalse();
        assertThatThrownBy(() -> read(Map.of("mode", "prod")))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("mode must be development or production");
    }

    @Test
    void theSignatureWindowCannotBeTurnedOff() {
        for (String off : new String[] {"0", "0s", "500ms"}) {
            assertThatThrownBy(() -> read(Map.of("server-api.signature-max-skew", off)))
                    .as(off)
                    .isInstanceOf(ImException.class)
                    .hasMessageContaining("server-api.signature-max-skew")
                    .hasMessageContaining("replay");
        }
    }

    @Test
    void readsTheNonceBoundAndRefusesAnEmptyOne() {
        assertThat(read(Map.of()).maxNonces()).isEqualTo(200_000);
        assertThat(read(Map.of("server-api.max-nonces", "1000")).maxNonces()).isEqualTo(1000);
        assertThatThrownBy(() -> read(Map.of("server-api.max-nonces", "0")))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("server-api.max-nonces");
    }

    @Test
    void theOldSingleMultiDeviceKeyIsTheDefaultOfEveryKindOfPlatform() {
        assertThat(read(Map.of("session.multi-device", "one-per-platform")).multiDevice())
                .isEqualTo(MultiDevicePolicies.uniform(MultiDevicePolicy.ONE_PER_PLATFORM));
        assertThat(read(Map.of("session.multi-device", "one-per-platform", "session.multi-device.web", "unlimited"))
                .multiDevice()).isEqualTo(MultiDevicePolicies.DEFAULT);
    }

    @Test
    void readsEachKindOfPlatformsPolicy() {
        MultiDevicePolicies policies = read(Map.of("session.multi-device.web", "one-per-platform",
                "session.multi-device.mobile", "unlimited", "session.multi-device.desktop", "unlimited")).multiDevice();

        assertThat(policies).isEqualTo(new MultiDevicePolicies(MultiDevicePolicy.ONE_PER_PLATFORM,
                MultiDevicePolicy.UNLIMITED, MultiDevicePolicy.UNLIMITED));
        assertThat(policies.of(Platform.ANDROID)).isEqualTo(MultiDevicePolicy.UNLIMITED);
        assertThat(policies.of(Platform.WEB)).isEqualTo(MultiDevicePolicy.ONE_PER_PLATFORM);
        assertThatThrownBy(() -> read(Map.of("session.multi-device.mobile", "two")))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("session.multi-device.mobile must be one-per-platform or unlimited, was 'two'");
    }

    @Test
    void rejectsUnknownMultiDevicePolicy() {
        assertThatThrownBy(() -> read(Map.of("session.multi-device", "sometimes")))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("session.multi-device")
                .hasMessageContaining("sometimes");
    }

    @Test
    void rejectsPortOutOfRange() {
        assertThatThrownBy(() -> read(Map.of("http.port", "70000")))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("http.port");
    }

    @Test
    void rejectsMalformedDuration() {
        assertThatThrownBy(() -> read(Map.of("protocol.heartbeat", "abc")))
                .isInstanceOf(ImException.class)
                .hasMessageContaining("protocol.heartbeat")
                .hasMessageContaining("abc");
    }
}
