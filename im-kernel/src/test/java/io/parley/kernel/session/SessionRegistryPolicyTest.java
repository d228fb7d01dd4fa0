package io.parley.kernel.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.api.model.Platform;
import io.parley.kernel.config.MultiDevicePolicies;
import io.parley.kernel.config.MultiDevicePolicy;
import io.parley.kernel.metrics.KernelMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The multi-device policy of each kind of platform, as the registry applies it when a device registers. */
class SessionRegistryPolicyTest {
    private final KernelMetrics metrics = new KernelMetrics(new SimpleMeterRegistry());
    private final SessionRegistry registry = new SessionRegistry(MultiDevicePolicies.DEFAULT);

    private Session session(String userId, String deviceId, Platform platform) {
        EmbeddedChannel channel = new EmbeddedChannel();
        return new Session(userId, deviceId, platform, userId + "/" + deviceId, "127.0.0.1:1", 0, 0, channel,
                registry.outboxOf(channel.eventLoop()), metrics);
    }

    @Test
    void byDefaultSeveralWebTabsStayOnlineTogether() {
        for (String tab : List.of("tab-1", "tab-2", "tab-3")) {
            assertThat(registry.register(session("alice", tab, Platform.WEB))).as(tab).isEmpty();
        }
        assertThat(registry.register(session("alice", "mini", Platform.MINI_PROGRAM))).isEmpty();

        assertThat(registry.sessions("alice")).extracting(Session::deviceId)
                .containsExactly("tab-1", "tab-2", "tab-3", "mini");
    }

    @Test
    void byDefaultASecondDeviceOfAMobileOrDesktopPlatformDisplacesTheFirst() {
        Session tab = session("alice", "tab", Platform.WEB);
        Session oldPhone = session("alice", "old-phone", Platform.ANDROID);
        Session iphone = session("alice", "iphone", Platform.IOS);
        Session pc = session("alice", "pc", Platform.PC);
        for (Session s : List.of(tab, oldPhone, iphone, pc)) {
            assertThat(registry.register(s)).isEmpty();
        }

        assertThat(registry.register(session("alice", "new-phone", Platform.ANDROID))).containsExactly(oldPhone);
        assertThat(registry.register(session("alice", "mac", Platform.PC))).containsExactly(pc);
        assertThat(registry.sessions("alice")).extracting(Session::deviceId)
                .containsExactly("tab", "iphone", "new-phone", "mac");
    }

    @Test
    void theSameDeviceIdReplacesItsOldConnectionUnderEveryPolicy() {
        Session first = session("alice", "tab", Platform.WEB);
        registry.register(first);

        assertThat(registry.register(session("alice", "tab", Platform.WEB))).containsExactly(first);
        assertThat(registry.sessions("alice")).hasSize(1);
    }

    @Test
    void eachKindFollowsItsOwnSetting() {
        SessionRegistry webOnce = new SessionRegistry(new MultiDevicePolicies(MultiDevicePolicy.ONE_PER_PLATFORM,
                MultiDevicePolicy.UNLIMITED, MultiDevicePolicy.UNLIMITED));
        EmbeddedChannel channel = new EmbeddedChannel();
        Session tab1 = new Session("bob", "tab-1", Platform.WEB, "s1", "", 0, 0, channel,
                webOnce.outboxOf(channel.eventLoop()), metrics);
        webOnce.register(tab1);
        assertThat(webOnce.register(new Session("bob", "tab-2", Platform.WEB, "s2", "", 0, 0, new EmbeddedChannel(),
                webOnce.outboxOf(channel.eventLoop()), metrics))).containsExactly(tab1);
        webOnce.register(new Session("bob", "phone-1", Platform.ANDROID, "s3", "", 0, 0, new EmbeddedChannel(),
                webOnce.outboxOf(channel.eventLoop()), metrics));
        assertThat(webOnce.register(new Session("bob", "phone-2", Platform.ANDROID, "s4", "", 0, 0,
                new EmbeddedChannel(), webOnce.outboxOf(channel.eventLoop()), metrics))).isEmpty();
        assertThat(webOnce.sessions("bob")).extracting(Session::deviceId)
                .containsExactly("tab-2", "phone-1", "phone-2");
    }
}
